"""The English→Chinese policy glossary (qa/lexicon/glossary.tsv): it parses, its English phrases point where
they are meant to, and English questions about policies we have never seen reach the Chinese terms documents write."""

from __future__ import annotations

from collections import defaultdict

import pytest

from qa.lexicon import GLOSSARY_PATH, expand, glossary

KINDS = {"unit", "term", "place", "measure", "word"}

# Phrases shared by several rows on purpose: a phrase shared by rows yields all of them, and an English figure
# question needs only one of its term rows in the quoted sentence. Each group is one concept that documents write
# in more than one way (长护险 / 长期护理保险), or one kind of body named alike in different cities.
INTENDED_SHARED = [
    # the same term, full and short forms (documents define the short form once, then use it)
    {"长期护理保险", "长护险"}, {"社会保险", "社保"}, {"医疗保险", "医保"}, {"社会保险补贴", "社保补贴"},
    {"最低生活保障", "低保"}, {"固体废物", "固废"}, {"环境影响评价", "环评"}, {"自由贸易试验区", "自贸"},
    {"跨境电商", "跨境电子商务"}, {"电子商务", "电商"}, {"技术改造", "技改"}, {"规模以上", "规上"},
    {"农机", "农业机械"}, {"农机", "拖拉机"}, {"首台(套)", "首台套"}, {"算力券", "算力服务券"},
    {"中国留学人员广州科技交流会", "留交会"}, {"OPC社区", "OPC生态社区"},
    # one concept, several usual wordings
    {"外资", "外商投资"}, {"人才公寓", "人才租赁房"}, {"境外", "海外"}, {"出海", "走出去"}, {"见习", "实习"}, {"落户", "户籍"},
    {"登记", "注册"}, {"追回", "收回"}, {"租房补贴", "租赁补贴", "租金补贴"},
    {"创业补贴", "创业资助"}, {"吸纳", "招用"}, {"招聘", "招用"}, {"园区", "产业园"}, {"中小企业", "小微企业"}, {"失能", "残疾人"},
    {"弄虚作假", "虚假", "造假"}, {"弄虚作假", "虚假", "造假", "骗取"},
    {"成果转化", "科技成果转化"}, {"研发投入", "研发经费"}, {"目标", "工作目标"},
    {"养老机构", "机构护理"},  # a nursing home: the institution, and the care in one as a scheme names it
    {"地价", "工业用地"},  # a land price: as such, or the industrial-land transfer standard it is set against
    {"奖励", "奖补"},  # a cash reward: as such, or the awards-and-subsidies documents grant
    {"奖励", "激励"},  # a bonus: a cash reward, or an incentive
    {"居家护理", "上门"},  # home visits: the care at home, and the carer's visits (每月上门次数)
    {"抵押", "质押"},  # collateral: a mortgage, or a pledge (商标质押贷款)
    {"经营业绩考核", "绩效评价"}, {"高层次人才", "领军人才"}, {"免费住宿", "青荷驿站"}, {"拨付", "兑付"},
    {"孵化器", "孵化载体"},  # an incubator: as such, or the incubation carriers (众创空间、孵化器、加速器…) a measure names
    {"企业开办", "注册"},  # registering a company: as such, or the start-up formalities a plan pledges a speed for
    {"提交", "发送"},  # sending an application or its materials: submitting it, or sending it to an address
    # the same kind of body, as different cities name it
    {"市人力资源和社会保障局", "市人力社保局", "市人社局"}, {"市发展改革委", "市发改委"},
    {"市工业和信息化局", "市工信局"}, {"市国资委", "市政府国资委"}, {"市委金融办", "市金融办"},
    {"市科技局", "市科创局", "市科技和信息化局"}, {"市住保房管局", "市住房和城市更新局"},
    {"市农业农村局", "市农业局"}, {"市级有关部门", "市相关部门"},
    {"各区、县级市", "各区(市)"}, {"各区人民政府", "各区(市)"},
    {"各区、县级市", "各区人民政府", "各区、县（市）政府", "各区(市)"},
    {"发送", "提交", "材料"},  # "send the materials": sending, submitting, and what is sent
]


def _rows() -> list[list[str]]:
    return [line.split("\t") for line in GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()[1:]]


def test_every_glossary_line_parses_into_one_entry_with_a_known_kind_and_english_phrases():
    header = GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == ["zh", "en", "kind", "aliases"]
    rows = _rows()
    assert all(len(row) == 4 for row in rows), [row[0] for row in rows if len(row) != 4]
    assert {row[2] for row in rows} <= KINDS
    entries = glossary()
    assert len(entries) == len(rows)
    assert all(entry.zh and entry.phrases for entry in entries)


def test_no_chinese_term_has_two_rows():
    zh = [entry.zh for entry in glossary()]
    assert sorted(z for z in set(zh) if zh.count(z) > 1) == []


def test_an_english_phrase_names_several_rows_only_where_intended():
    rows_of = defaultdict(set)
    for entry in glossary():
        for phrase in entry.phrases:
            rows_of[phrase].add(entry.zh)
    unintended = {phrase: sorted(zh) for phrase, zh in rows_of.items() if len(zh) > 1 and zh not in INTENDED_SHARED}
    assert unintended == {}


@pytest.mark.parametrize("word", ["support", "policy", "policies", "subsidy", "subsidies", "apply", "application",
                                  "funding", "grant", "grants", "reward", "enterprise", "enterprises", "company",
                                  "companies", "measures", "amount", "money", "time", "conditions", "eligible", "deadline", "when"])
def test_general_words_are_not_glossary_terms(word):
    """An English figure question must find one of its glossary terms in the quoted sentence: a general word
    as a term row would refuse every answer whose sentence happens not to repeat it; a word that asks (deadline,
    when) is what the question wants, not what it is about."""
    assert [e.zh for e in glossary() if e.kind == "term" and word in e.phrases] == []


QUESTIONS = [
    # enterprise support and subsidies
    ("What is the interest subsidy rate for loans taken by small and micro businesses?", {"贴息", "贷款", "小微企业"}),
    ("Which documents must be submitted with the application form: business licence, audit report?",
     {"申请表", "营业执照", "审计报告"}),
    ("Is a tax payment certificate part of the application materials?", {"完税证明", "申报材料"}),
    ("How big is the one-time reward for a newly listed company?", {"一次性", "上市"}),
    ("Are matching funds required from the district for the special fund?", {"配套资金", "专项资金"}),
    ("Where are the application guidelines for the awards and subsidies published?", {"申报指南", "奖补"}),
    # tax
    ("Can I deduct my mortgage interest and my kids education under the special additional deductions?",
     {"住房贷款利息", "子女教育", "专项附加扣除"}),
    ("How much may a taxpayer subtract each month for supporting elderly parents?", {"纳税人", "赡养"}),
    ("Does continuing education or a serious illness lower my taxable income?",
     {"继续教育", "大病医疗", "应纳税所得额"}),
    ("How much housing rent can be deducted from personal income tax?", {"住房租金", "扣除", "个人所得税"}),
    ("Can my mother get continuing care after she is discharged?", {"延续护理"}),
    ("I rent in a provincial capital and own no home there; how much can I deduct?", {"省会"}),
    ("We paid a law firm for compliance work before entering Southeast Asia; how much is covered?", {"专业服务机构", "法律合规"}),
    ("Does buying services from an accounting firm count?", {"专业服务机构"}),
    ("My son was in hospital too; can his medical bills go on my return?", {"未成年子女", "医药费用", "扣除"}),
    ("Can our daughter's hospital bills be claimed on my tax return?", {"未成年子女", "医药费用", "扣除"}),
    ("I run a one-person AI company; is there anywhere I can stay for free?", {"OPC", "免费住宿"}),
    ("Any free place to stay for one-person companies arriving in town?", {"OPC", "免费住宿"}),
    ("How long does the post-discharge care last?", {"延续护理"}),
    # social insurance
    ("Who pays for long-term care insurance and what is the contribution base?", {"长期护理保险", "长护险", "缴费基数"}),
    ("Are incapacitated insured persons covered by home care?", {"失能", "参保", "居家护理"}),
    ("How much goes into the individual account of medical insurance?", {"个人账户", "医疗保险", "医保"}),
    # employment and entrepreneurship
    ("What start-up subsidy do college graduates and veterans get?", {"创业补贴", "创业资助", "高校毕业生", "退役军人"}),
    ("Is there a hiring subsidy for taking on people with employment difficulties?", {"吸纳", "招用", "就业困难人员"}),
    ("How long can a founder borrow under the guaranteed start-up loan?", {"创业", "贷款", "创业担保贷款"}),
    # trade and going global
    ("Does the city pay booth fees for exhibitors at overseas trade fairs?", {"展位", "参展", "境外", "海外", "展会"}),
    ("What help is there for cross-border e-commerce firms going global?", {"跨境电商", "跨境电子商务", "出海", "走出去"}),
    # energy and environment
    ("What is the subsidy per kWh for rooftop solar and offshore wind farms?", {"光伏", "海上风电"}),
    ("How is hazardous waste handled in a zero-waste city?", {"危险废物", "无废城市"}),
    ("What share of solid waste must be recycled?", {"固体废物", "固废", "回收"}),
    # agriculture
    ("What is the farm machinery purchase subsidy for cooperatives and family farms?", {"农机购置", "合作社", "家庭农场"}),
    ("Which agricultural production and business organisations may buy tractors with a subsidy?",
     {"农业生产经营组织", "农机"}),
    # talent and housing
    ("Do overseas returnees with a PhD get a rental subsidy or housing provident fund support?",
     {"留学", "博士", "租房补贴", "租赁补贴", "租金补贴", "住房公积金"}),
    # procedure and finance
    ("What happens if a company submits fake materials — will the money be clawed back?",
     {"弄虚作假", "虚假", "造假", "追回", "收回"}),
    ("Are falsified applications disqualified and blacklisted?", {"弄虚作假", "虚假", "造假", "取消", "失信"}),
    ("When is the deadline, and how many working days does the public notice last?", {"工作日", "公示"}),
    ("Is the loan rate LPR minus 50 basis points, and who provides the financing guarantee?", {"LPR", "融资担保"}),
    ("Which Hong Kong and Macao youth qualify, and who reviews the applications?", {"港澳青年", "审核"}),
    ("What share of home care costs does the fund pay for employee insureds?", {"职工", "参保"}),
    ("How much do residents pay, and do salaried workers pay more?", {"居民", "职工"}),
    ("What is the monthly housing subsidy, and is it more than the transport allowance?", {"住房补贴", "交通补贴"}),
    ("How much can I deduct for my child's schooling?", {"子女教育"}),
    ("Can only one parent take it, or do both parents share it?", {"其中一方", "双方"}),
    ("Could my husband and I split the allowance, half each?", {"双方"}),                # splitting: both take part
    ("Our son is at kindergarten; can we claim for him?", {"学前教育"}),
    ("Who leads the legal services, like mediation in the communities?", {"法律服务", "调解"}),
    ("What's the cap for a big high-throughput combine harvester?", {"大喂入量"}),             # 大喂入量联合收获机
    ("And a high-feed-rate harvester?", {"大喂入量"}),
    ("And for the job retraining and reskilling courses?", {"技能培训"}),
    ("How much of the interest does the government cover?", {"贴息"}),                    # covering interest: 贴息
    ("Is the loan interest subsidised, and by whom?", {"贴息"}),
    ("My daughter goes to preschool three days a week", {"学前教育"}),
    ("How many top-rated excellent-level communities are planned?", {"卓越级"}),
    ("My mum lives in a nursing home; what is the daily cap?", {"机构护理"}),        # care in an institution
    ("Is it more in a care facility than at home?", {"机构护理"}),
    ("How much free computing time does each company get a year?", {"卡时"}),          # counted in card-hours
    ("How many ecosystem communities will be cultivated by 2027?", {"生态社区", "培育"}),
    ("Who owns inventions made on the job at a university?", {"职务科技成果"}),
    ("What land price do tech industrial projects pay there?", {"工业用地"}),
    ("We got certified as a high-tech enterprise for the first time; any cash reward?", {"首次", "奖补", "奖励"}),
    ("What investment award rate does Shanghai give for offshore wind?", {"奖励标准"}),   # 奖励标准为500元/千瓦
    ("My dad is retired; what rate does he pay?", {"退休"}),          # a retiree, not the dictionary's 退役 (veteran)
    ("What utilisation rate must the pilot cities reach for crop residues?", {"综合利用率"}),  # British spelling too
    ("Is the comprehensive utilization of construction waste covered?", {"综合利用"}),
    # income from commercialising research, and how it is split (转化收益, 收益分配)
    ("What's the threshold for negotiating my share of the conversion income case by case?", {"转化收益", "一事一议"}),
    ("How is income from technology transfer split between the inventors and the university?", {"转化收益"}),
    ("Is there a rule on the commercialization proceeds?", {"转化收益"}),
    ("What does the plan say about income distribution for researchers?", {"收益分配"}),
    ("What's my share of the proceeds after the patent is sold?", {"收益分配"}),
    # a business running (运营满一年), in an incubator as measures name them (孵化载体)
    ("My company has been running for over a year; can we get the rent subsidy?", {"运营"}),
    ("We're operating out of an incubator in the district", {"运营", "孵化载体"}),
    ("Is the studio up and running yet?", {"运营"}),
    ("Do incubation spaces qualify?", {"孵化载体"}),
    # livestock as the documents name it
    ("What methods does it push for pig farms?", {"生猪"}), ("We keep about 3,000 hogs", {"生猪"}),
    ("Is manure from dairy cattle covered?", {"奶牛", "畜禽粪污"}),
    # sending an application or its materials is submitting it (提交), not any sending ("the agency sends someone")
    ("What's the deadline to send the application?", {"提交"}), ("Where do we send our documents?", {"提交"}),
    ("Can we file the application online?", {"提交"}), ("Where do we send the application materials?", {"提交", "发送"}),
    # money a technology contract brought in: its 到账额
    ("He brought in 12 million yuan in tech-contract receipts", {"技术合同", "到账额"}),
    ("What counts as the amount received on a technology contract?", {"技术合同", "到账额"}),
    # the hardware computing power is bought as
    ("We spend about 500k yuan a year renting GPUs", {"算力"}), ("Do graphics cards we rent count?", {"算力"}),
    # studying for a degree beside a job is continuing education (继续教育), as 在职硕士 and 自考 are in Chinese
    ("I'm doing a part-time master's degree, can I deduct that?", {"继续教育"}),
    ("My wife is studying part-time for a diploma", {"继续教育"}), ("Does night school count?", {"继续教育"}),
]


@pytest.mark.parametrize("question,expected", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_an_english_question_reaches_the_chinese_terms_documents_write(question, expected):
    expansion = expand(question, {zh: 1 for zh in expected})
    assert expected <= {entry.zh for entry in expansion.glossary_terms}


@pytest.mark.parametrize("question", ["Which provincial department leads, and which ones assist?",
                                      "Who cooperates on it, and who assists?", "Which bodies collaborate with the lead?"])
def test_the_roles_of_a_task_and_the_level_of_government_name_nothing_a_document_writes(question):
    """'assist', 'cooperate' ask for the partner units (配合单位), as 'lead' asks for the lead: not 扶持, 帮助, 辅助,
    合作; 'provincial' alone is the level asked about (省委, 省会 are the dictionary's guesses)."""
    expansion = expand(question, {"扶持": 30, "帮助": 30, "辅助": 5, "合作": 40, "省委": 10, "省会": 3})
    assert expansion.dictionary_terms == []


@pytest.mark.parametrize("question", ["What share of that can the district cover?", "We spent 1 million yuan on it.",
                                      "Does the fund cover 2 billion RMB?", "How are the shares covered?"])
def test_asking_for_a_share_or_cover_and_the_askers_own_sums_name_nothing_a_document_writes(question):
    """'share' and 'cover' ask for a portion (the percent asked is read from the question's frame, not its words);
    'million yuan' is the asker's own sum (searched as 100万 by its amount): not 共享, 覆盖, 服务, 千万, 人民币."""
    expansion = expand(question, {"共享": 9, "部分": 9, "分担": 3, "覆盖": 9, "涵盖": 2, "服务": 90, "千万": 5, "人民币": 9, "基金": 9})
    assert not {"共享", "部分", "分担", "覆盖", "涵盖", "服务", "千万", "人民币"} & set(expansion.dictionary_terms)


def test_between_and_us_name_nothing_a_document_writes():
    """The dictionary reads 'between' as 牵头 (a go-between) and 行间: a question splitting something between two people
    or comparing two figures would search for lead units; 'us' is the asker, like 'we'."""
    expansion = expand("What's the difference between us and them?", {"牵头": 50, "行间": 1, "我们": 9})
    assert expansion.dictionary_terms == [] and expansion.leftover == ["difference"]


def test_start_up_is_entrepreneurship_not_the_dictionary_s_starting_a_machine():
    """CC-CEDICT reads 'start-up' as 启动 / 开办; policy documents write 创业."""
    expansion = expand("What support is there for a start-up?", {"创业": 5, "启动": 50, "开办": 50})
    assert [entry.zh for entry in expansion.glossary_terms] == ["创业"]
    assert expansion.dictionary_terms == []


def test_falsified_finds_the_fraud_terms_documents_use():
    """The dictionary finds nothing useful for 'falsified'; documents write 弄虚作假, 虚假 or 造假."""
    expansion = expand("What if the figures were falsified?", {"弄虚作假": 1})
    assert {entry.zh for entry in expansion.glossary_terms} == {"弄虚作假", "虚假", "造假"}


def test_a_longer_phrase_keeps_its_words_from_a_shorter_one():
    """'leading enterprises' is 龙头企业, not 牵头 (lead responsibility); 'job fairs' is 招聘, not 展会."""
    assert [e.zh for e in expand("subsidy for leading enterprises", {}).glossary_terms] == ["龙头企业"]
    assert [e.zh for e in expand("job fairs for graduates", {}).glossary_terms] == ["招聘", "毕业生"]


def test_generic_national_ministries_are_units():
    units = {entry.zh for entry in glossary() if entry.kind == "unit"}
    assert {"财政部", "人力资源社会保障部", "生态环境部", "税务总局", "国家发展改革委", "农业农村部"} <= units
    found = expand("What did the Ministry of Finance and the State Taxation Administration decide?", {}).glossary_terms
    assert [entry.zh for entry in found] == ["财政部", "税务总局"]


@pytest.mark.parametrize("question,document_word", [
    ("我和爱人在同一个城市上班，能各扣一份房租吗？", "夫妻"), ("我和老公都在这上班", "夫妻"),
    ("每个月房租能扣多少", "住房租金"), ("哪个年龄段不用交", "周岁"), ("申请有年龄限制吗", "周岁"), ("一台最多补多少", "单机"),
    ("利息有补贴吗", "贴息"), ("要带哪些材料", "资料"), ("大学生创业有补贴吗", "高校毕业生"), ("去国外参加展会", "境外"),
    ("普通的机具", "一般"), ("去境外参展的费用", "展会"), ("多大年纪可以申请", "周岁"), ("有年龄要求吗", "周岁"),
    ("孵化载体的房租能补多少", "租金"), ("国办推广的举措", "国务院办公厅"), ("工信部的通知", "工业和信息化部"),
    ("我爱人在这个城市有套房", "自有住房"), ("一人公司能申请算力券吗", "OPC"), ("市政府办公厅印发的通知", "市人民政府"), ("省政府出台的办法", "省人民政府"),
    ("长护险个人要交多少", "缴费"), ("个人要交钱吗", "缴费"), ("每年交多少", "缴费"),
    ("在家护理的话能报几成", "居家护理"), ("请人上门护理每天多少钱", "居家护理"),
    ("孩子上学每个月能扣多少", "子女"), ("孩子上学每个月能扣多少", "教育"), ("家里小孩读书的支出", "子女"), ("家里小孩读书的支出", "教育"),
    ("买烘干机单台最多补多少", "单机"), ("收割机每台能补多少", "单机"), ("个税专项扣除里房租能扣多少", "专项附加扣除"),
    ("我们是自己建的服务器", "自建"), ("服务器自己用", "自用"), ("银行每年给的贷款额度", "信贷额度"), ("技术合同成交额的目标", "交易额"), ("我自己在读在职硕士", "继续教育"), ("在职研究生每月扣多少", "继续教育"), ("我在考自考", "继续教育"), ("两个人能不能一人扣一半", "50%"), ("补贴一半的费用", "50%"), ("住进定点护理机构的话每天多少", "机构护理"),
    ("我爸入住护理机构了", "机构护理"),
    ("我和我哥两个人", "兄弟姐妹"), ("我表姐家是兄妹两个人", "兄弟姐妹"), ("我上面还有个姐姐", "兄弟姐妹"), ("家里姐弟俩", "兄弟姐妹"),
    ("屋顶光伏每度电给多少奖励", "千瓦时"), ("卖给电网的每度电能奖多少", "千瓦时"), ("我家两个娃都在上学", "子女"), ("娃上幼儿园能扣吗", "子女"),
    ("我在杭州上班，租房住", "住房租金"), ("我老婆名下有套房", "配偶"), ("我爱人也在这上班", "配偶"), ("妻子在同一个城市工作", "相同"),
    ("他户口在临高，地在澄迈包的", "户籍"), ("我户口不在这边能申请吗", "户籍"), ("展位加差旅的花销", "费用"), ("这类开销能补吗", "费用"), ("每月房租3500能扣多少", "住房租金"),
    ("要是直接住进护理院呢", "机构护理"), ("我妈打算住进护理机构", "机构护理"), ("我妈住养老院能报多少", "机构护理"), ("想请人上门照顾", "居家护理"), ("上门护理怎么报", "居家护理"),
    ("区里还有没有白送的算力", "免费"), ("有不要钱的场地吗", "免费"), ("培训是白给的吗", "免费"), ("住宿不花钱吧", "免费"),
    ("每发一度电奖多少", "千瓦时"), ("一年发了3万度电", "千瓦时"),
    ("贷款一次最长几年", "每次"), ("多薄的地膜不让用", "厚度"), ("场地要多高", "高度"), ("钱多久能打到卡上", "兑付"), ("补贴几天打到卡里", "兑付"), ("一次能报多少", "每次"), ("我还背着车贷", "购车贷款"), ("家里有房贷还能贷吗", "住房贷款"),
])
def test_a_users_everyday_word_also_searches_the_documents_word(question, document_word):
    from qa.lexicon import expand_abbreviations

    assert document_word in expand_abbreviations(question)


def test_the_documents_own_word_for_a_kwh_reward_is_not_read_as_the_unit():
    """每度电 is the asker's "per kWh" (千瓦时); 度电奖励 is the documents' own name for the reward, no unit asked."""
    from qa.lexicon import expand_abbreviations

    assert "千瓦时" not in expand_abbreviations("光伏电站的度电奖励什么时候停止？")


def test_a_users_word_and_the_documents_word_it_stands_for_count_as_one_word():
    from qa.lexicon import same_words, word_groups

    assert word_groups(["普通", "机具", "一台", "单机", "一般", "算力券", "算力服务券", "机具"]) == [
        ["普通", "一般"], ["机具"], ["一台", "单机"], ["算力券", "算力服务券"]]
    assert set(same_words("高新技术企业")) == {"高新技术企业", "高企", "国高企"}
    # 年龄限制 is cut into 年龄 + 限制: with its document words present they are the one word they stand for
    # (年龄 itself reads 周岁: one word with it)
    assert word_groups(["年龄", "限制", "岁以下", "周岁", "以下"]) == [["年龄", "岁以下", "周岁"], ["以下"]]
    assert word_groups(["年龄", "限制"]) == [["年龄"]]  # 年龄限制 cut in two: one word, read 周岁 as 年龄 is
    assert word_groups(["免费", "住宿", "免费住宿"]) == [["免费"], ["住宿"], ["免费住宿"]]  # the document's own words count
    assert word_groups(["算力", "算力券", "算力服务券"]) == [["算力"], ["算力券", "算力服务券"]]  # a word of its own, not cut


def test_a_housing_subsidy_is_not_a_home_purchase_subsidy():
    found = {entry.zh for entry in expand("What is the monthly housing subsidy?", {}).glossary_terms}
    assert "住房补贴" in found and "购房补贴" not in found


@pytest.mark.parametrize("question,framing", [
    ("听说以前搞过一个人才工程，里面有补贴吗", ["听说", "以前", "搞过", "一个", "里面"]),   # hearsay and framing
    ("据说市里之前想搞一个试点，定了什么指标？", ["据说", "之前", "想", "一个", "定", "指标"]),
    ("我妈评上了3级，生活照料按多少钱算？", ["评上", "钱算"]),                          # the asker's assessment, asking
    ("我爸退休好几年了，做了十几年会计，能领吗", ["好几", "几年", "好几年", "十几年"]),   # rough figures
    ("他能不能报？", ["他"]),                                                        # whom it is for
    ("我表姐家是兄妹两个人，她每个月最多能扣多少？", ["表姐", "家", "两个", "她"]),       # whom it is for
    ("我堂哥他们家两个孩子，他能扣多少", ["堂哥", "他们", "家", "两个", "他"]),
    ("每个月租服务器花不少钱，政府能补贴多少？", ["花", "不少", "政府"]),                # what it costs, who gives
    ("买设备花了很多，政府给补吗", ["花了", "很多", "政府"]),
])
def test_hearsay_framing_and_rough_figures_are_no_keywords(question, framing):
    from qa.chain import chinese_keywords
    from vectorstore.tokenizer import Tokenizer

    assert not set(framing) & set(chinese_keywords(Tokenizer(), question))


@pytest.mark.parametrize("question", ["Do I personally have to pay into it?", "Does she have to pay into the scheme?",
                                      "Do I personally have to pay anything?", "Will I have to pay into it once I'm 35?"])
def test_english_ways_of_asking_whether_one_pays_oneself_read_as_the_individual_contribution(question):
    assert "个人缴费" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["Am I too old for it?", "Is he still young enough?", "Is she old enough to apply?",
                                      "Are we too young for the loan?"])
def test_too_old_and_young_enough_read_as_an_age_limit(question):
    assert "岁以下" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["对秸秆利用定了什么指标？", "到2025年有哪些目标？", "渔网回收定了什么指标",
                                      "地价能优惠到什么程度？", "租金减免是什么力度？", "贴息能到什么幅度？"])
def test_a_target_or_indicator_asked_for_is_answered_by_a_figure_not_by_a_noun(question):
    from qa.analysis import asked_noun

    assert asked_noun(question) is None


@pytest.mark.parametrize("question,function_words", [
    ("我爸已经退休了，但还在交社保，能享受多长时间？", ["已经", "但", "还", "能", "多长时间"]),   # adverbs, a conjunction, a modal
    ("我们去年在越南设了个办事处，区里能奖多少？", ["能奖", "个"]),                           # a modal fused with giving
    ("这种情况下可贷多少？这块有个上限吗", ["这种", "可贷", "这块", "有个"]),                  # pronouns; 可 + a giving verb
    ("孩子上学后，每月能扣多少，最长扣几年？", ["后", "能", "最长"]),                          # a place word, a bound asked
    ("这个补贴最短领几个月，最久呢", ["这个", "最短", "最久"]),
    ("后面没找到工作的这段时间，宿舍能住多久？", ["后面", "能住"]),              # a place word; a modal fused with 住
    ("没干满的话要退吗？中途离职会卡吗", ["要退", "会卡"]),
])
def test_function_words_modals_and_asked_bounds_are_no_keywords(question, function_words):
    from qa.chain import chinese_keywords
    from vectorstore.tokenizer import Tokenizer

    assert not set(function_words) & set(chinese_keywords(Tokenizer(), question))


@pytest.mark.parametrize("question,kept", [
    ("孩子上学后，每月能扣多少？", ["孩子", "上学", "每月"]),        # 每月: the period asked for (jieba tags it a pronoun)
    ("这个补贴每人每年最多领多少？", ["补贴", "每人", "每年"]),
    ("我已经退休了，长护险还能参加吗", ["退休", "长护险", "参加"]),
    ("新能源项目可行性研究能力怎么评？", ["能源", "可行", "能力"]),  # words of the dictionary that open with a modal
])
def test_the_subject_and_the_period_of_a_question_stay_keywords(question, kept):
    from qa.chain import chinese_keywords
    from vectorstore.tokenizer import Tokenizer

    assert set(kept) <= set(chinese_keywords(Tokenizer(), question))


# The forms of building-integrated solar, as users name them: each reaches the document's term (光伏幕墙 ∈ 光伏建筑一体化)
BIPV_QUESTIONS = [
    ("Would a solar glass facade pay more per kWh?", {"光伏幕墙"}),
    ("Do PV curtain walls get a reward?", {"光伏幕墙"}),
    ("What about solar roof tiles?", {"光伏瓦"}),
    ("Is BIPV rewarded at a different rate?", {"光伏建筑一体化"}),
    ("And building-integrated photovoltaics?", {"光伏建筑一体化"}),
    ("Are solar windows covered?", {"光伏窗"}),
    ("What about a solar noise barrier along the road?", {"光伏隔音屏"}),
]


@pytest.mark.parametrize("question,expected", BIPV_QUESTIONS, ids=[q for q, _ in BIPV_QUESTIONS])
def test_the_forms_of_building_integrated_solar_reach_their_chinese_terms(question, expected):
    expansion = expand(question, {zh: 1 for zh in expected})
    assert expected <= {entry.zh for entry in expansion.glossary_terms}


@pytest.mark.parametrize("question", ["How much of the interest does the government pick up?", "Who foots the bill for the audit?",
                                      "Does the district chip in?", "Will the city pick up the cost of the exhibition?"])
def test_phrases_for_paying_a_cost_name_no_word_of_choosing(question):
    """'pick up' pays; word by word the dictionary reads it as choosing (选择, 遴选)."""
    expansion = expand(question, {"选择": 30, "遴选": 10, "脚": 1, "芯片": 5, "接": 3})
    assert not {"选择", "遴选", "脚", "芯片", "接"} & set(expansion.dictionary_terms)


@pytest.mark.parametrize("question", ["How long does it keep paying out?", "Will the grant keep coming next year?",
                                      "Does the subsidy keep paying after five years?"])
def test_a_payment_going_on_names_no_word_of_keeping(question):
    """'keep paying', 'keep coming': the payment goes on; word by word the dictionary reads keeping (保持, 留存, 同步)."""
    expansion = expand(question, {"保持": 30, "留存": 10, "同步": 5, "保人": 1})
    assert not {"保持", "留存", "同步", "保人"} & set(expansion.dictionary_terms)


@pytest.mark.parametrize("question", ["Can we get help with rent?", "Any help for a start-up like mine?", "Does the city help with housing?"])
def test_help_asks_for_support_and_names_no_word_a_document_writes(question):
    """'help' is the asker's word for any support (补贴, 奖励…), not the dictionary's 帮助, 扶持, 助力."""
    expansion = expand(question, {"帮助": 30, "扶持": 30, "助力": 10})
    assert not {"帮助", "扶持", "助力"} & set(expansion.dictionary_terms)


@pytest.mark.parametrize("question", ["What if she were on the residents' scheme instead?", "Which schemes cover home care?"])
def test_scheme_is_a_general_word_not_the_dictionarys_plot_or_pilot(question):
    expansion = expand(question, {"试点": 30, "机关": 10, "策划": 5, "计划": 30})
    assert not {"试点", "机关", "策划", "计划"} & set(expansion.dictionary_terms)


@pytest.mark.parametrize("question", ["We're a company registered in Binhai; what share can the district cover?",
                                      "My firm exhibits abroad", "Is our company eligible?", "How many companies got it?"])
def test_a_company_is_an_enterprise_not_the_dictionarys_subsidiary_or_merger(question):
    """'company', 'firm' say who asks, like 'government' (the documents' 企业 is in every measure): not 子公司, 并购, 公司."""
    expansion = expand(question, {"公司": 30, "子公司": 10, "并购": 10, "商行": 3})
    assert not {"公司", "子公司", "并购", "商行"} & set(expansion.dictionary_terms)


@pytest.mark.parametrize("question", ["What does it push for pig farms like mine?", "Is a shop like ours eligible?",
                                      "A friend of mine runs a farm", "Their quota is bigger than mine"])
def test_a_possessive_names_the_askers_own_thing_not_a_mine(question):
    expansion = expand(question, {"矿山": 10, "开采": 5, "地雷": 1, "我的": 3})
    assert not {"矿山", "开采", "地雷", "我的"} & set(expansion.dictionary_terms)


@pytest.mark.parametrize("question,zh", [
    ("How many measures did the notice roll out?", "推广"), ("the second batch of reforms", "第二批"),
    ("Does she pay a higher personal rate than me?", "个人缴费"), ("What's the employer rate?", "单位缴费"),
    ("Where do we send the application materials?", "材料"), ("a 90-horsepower tractor", "拖拉机"),
    ("Until when can the public comment on the draft?", "征求意见"), ("How long is the consultation period?", "征求意见"),
])
def test_general_policy_words_read_as_the_documents_write_them(question, zh):
    assert zh in [e.zh for e in expand(question, set()).glossary_terms]


@pytest.mark.parametrize("question", ["房租每个月能抵个税多少？", "这个能抵税吗？", "买房的利息能抵个税不？"])
def test_offsetting_income_tax_reads_as_the_documents_deduction(question):
    from qa.lexicon import expand_abbreviations

    assert "扣除" in expand_abbreviations(question)


@pytest.mark.parametrize("word,term", [("贴息", True), ("创业担保贷款", True), ("申请", False), ("双方", False)])
def test_a_glossary_term_names_a_subject_a_general_word_does_not(word, term):
    from qa.lexicon import names_a_term

    assert names_a_term(word) is term


@pytest.mark.parametrize("question,zh", [
    ("Which department handles housing support for young founders?", "安居"),
    ("Who is in charge of housing for OPC founders?", "住房"),
    ("a programme funding young scientists in the city", "青年科技人员"),
    ("What's the payout rate for home care?", "支付比例"),
    ("What if we take her home and have carers come in twice a day?", "居家护理"),
    ("Is there anywhere free I can stay when I arrive?", "免费住宿"),
])
def test_everyday_english_for_a_measure_reads_as_the_documents_term(question, zh):
    assert zh in [e.zh for e in expand(question, set()).glossary_terms]


@pytest.mark.parametrize("question,read,not_read", [("没干满要退钱吗", "退回", "资金"), ("长护险个人要交钱吗", "缴费", "资金"),
                                                    ("住宿不要钱吧", "免费", "资金"), ("能补多少钱", "资金", "")])
def test_a_users_word_is_read_where_it_stands_not_inside_a_longer_word_read_already(question, read, not_read):
    """交钱 is paying in (缴费) and 退钱 a refund (退回): the 钱 inside them is no fund (资金)."""
    from qa.lexicon import expand_abbreviations

    words = expand_abbreviations(question)
    assert read in words and (not not_read or not_read not in words)
