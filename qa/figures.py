"""Kinds of figure: what a question asks for, and what a sentence states.

One home for the patterns that tell a sum of money from a percentage, a duration, a date or a count,
written for Arabic and Chinese numerals alike (30万元, 十五万元, 百分之九十, 三个月, 二十四个月, 2026年6月30日).

    asked_kinds("最多能贷多少？期限多长？")        → {"money", "duration"}  (多少 with 贷: money)
    stated_kinds("贷款额度最高30万元，期限不超过3年") → {"money", "duration"}
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from ingest.people import AGE_HOLDERS_EN, RELATIVE_ZH
from ingest.places import CITY_CLASS_WORDS, find_places

NUMERAL = r"(?:\d[\d,，]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)"

# Nothing is paid: "个人不缴费", "免缴" — the answer to "how much / what share" for that case.
NOTHING_PAID = r"不缴费|免缴|免交|免收|不收取|无需缴纳|无需缴费|不再(?:给予)?(?:奖励|补贴|补助)|不予(?:奖励|补贴|补助)"  # (no reward: 0)
SUM = NUMERAL + r"\s*(?:万亿|亿|千万|百万|万|千)?\s*元"  # a sum of money: 30万元, 1.5亿元, 500元
# What a sentence states. A lone 一 is no count (一批, 一个 say "some", not how many).
STATED = {
    "money": re.compile(SUM + "|" + NOTHING_PAID),
    "percent": re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|百分之[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?\s*个?百分点|[一二三四五六七八九十]成|"
                          r"(?:[一二三四五六七八九]|\d(?:\.\d)?)折(?!旧|算|合|价|叠|扣)|"  # 八折, 8.5折: a discount is a share
                          + NOTHING_PAID),
    "duration": re.compile(r"(?<!\d)(?!(?:19|20)\d\d\s*年)" + NUMERAL + r"\s*(?:个)?(?:周岁|岁|周?年|个月|月|周|天|日|工作日|小时)(?!\d)"),  # (40周岁: an age, not 40 weeks)
    "date": re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}年(?:底|前|上半年|下半年|起)|"
                       r"即日起|[上下]半年|年底前|月底前|\d{4}\s*[-—至]\s*\d{4}\s*年"),
    "year": re.compile(r"\d{4}\s*年"),
    "count": re.compile(r"(?<![一二两三四五六七八九十百千万亿\d])(?!一(?![\d一二两三四五六七八九十百千万亿]))" + NUMERAL + r"\s*(?:万|千)?\s*(?:家|个|名|项|套|场|所|人次|人|批|户|座|篇|件|类|品目|条|次|倍|张|台|辆)(?!计划|工程)"),  # 亩, 吨, 平方米: measure, area
    # (百人计划, 千人工程: a programme's name, no count)
    "area": re.compile(NUMERAL + r"\s*(?:万|千)?\s*(?:平方米|平方公里|亩|公顷)"),
    "measure": re.compile(NUMERAL + r"\s*(?:毫米|厘米|公里|千米|米|千克|公斤|克|万吨|吨|千瓦时|千瓦|兆瓦|瓦|卡时|小时|分钟|平方米|亩|公顷|立方米|升|度)"),
    "rate": re.compile(r"\d+(?:\.\d+)?\s*元\s*/\s*\S{1,4}|LPR|BP\b"),
    # How a sum is paid out: in instalments (分2年, 分5年拨付), at once (一次性), by the month.
    "schedule": re.compile(r"分\s*(?:\d+|[一二两三四五六七八九十])\s*(?:个)?(?:年|次|期|批)|一次性|按月|按季|按年(?:度)?(?:拨付|发放|兑付)|逐年|分期|"
                         r"每人每(?:月|季度?)|连续\s*(?:\d+|[一二两三四五六七八九十])\s*年|每年(?:给予|拨付|发放|兑付|资助)"),  # (每人每月3000元:
    # paid to each monthly; 连续3年每年给予: yearly for three years)
    "phone": re.compile(r"\d{7,8}|\d{3,4}-\d{7,8}"),
    # A total: "（共23项）", "合计120亿元" (asked only with a figure: "一共多少项").
    "total": re.compile(r"共\s*(?:\d|[一二两三四五六七八九十百千])|合计|总计|总共|总数|总额|总规模|累计"),
    # Where to send or go: an e-mail or web address, a mailing address, a service window.
    "address": re.compile(r"[\w.-]+@[\w-]+\.[\w.]+|https?://|www\.|地址|邮箱|网址|窗口|大厅|网站|平台(?:上|提交|申报)"),
    # A deadline: "即日起至2026年6月30日", "截至2025年底", "2026年3月31日前".
    # (not the end of a period of validity: "有效期至2028年12月31日" says until when the measures hold)
    "deadline": re.compile(r"即日起至|(?<!有效期)至\s*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|截[止至]\s*\d{4}\s*年|"
                           r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|之前|止)"),
    # The sentence says when something ends (asked only together with a date: "什么时候停止").
    "ending": re.compile(r"结束|终止|期满|到期|停止|不再|截止|届满"),
    # Who may apply: the sentence names the applicants or the conditions.
    "condition": re.compile(r"对象|条件|资格|符合|申请人|申报主体|须|应当|应具备|应(?:没有|无|为|具有|在)|年满|不超过\d+周?岁|注册|登记|"
                           r"\d+\s*(?:年|个月|周岁|岁)(?:以上|以内|内|以下)的"),  # 运营1年以上的离校2年内高校毕业生
    # Whether two measures may be had together: "不能同时分别享受", "可叠加享受", "按就高原则不重复享受".
    "combine": re.compile(r"同时|叠加|兼得|重复享受|不重复|就高|择优|择一|只能选择|二选一"),
    # What a rate is taken of: "缴费基数为…月平均工资的60%", "以上年度…为基数".
    "base": re.compile(r"基数"),
    # Where it applies or is rolled out: "推广范围：全国", "在全国范围内推广", "试点地区".
    "scope": re.compile(r"推广范围|适用范围|实施范围|试点范围|全国范围|在全国|全国推广|(?<![\u4e00-\u9fff])全国(?![\u4e00-\u9fff])|试点(?:地区|区域|城市)"),
    # Who of several people takes it: "只能由一方扣除", "由其中一方按100%扣除", "双方分别按50%扣除", "分摊".
    "share": re.compile(r"只能由一方|由其中一方|其中一方|双方分别|分别按|分摊|共同扣除"),
    # A body named: stricter than the grounding check's ORG_NAME (经办, 主办 are verbs).
    "org": re.compile(r"[\u4e00-\u9fff]{2,24}(?:委员会|办公室|局|厅|部|中心|机构|政府|集团|银行|管委会|总社|法院|检察院)"
                      # …or a level of government said to give it: "由商品房所在区按照…给予", "由市、区两级财政按1:1承担"
                      r"|由[^，,。；;由]{0,12}?(?:[市区县省]|财政|两级)(?:[^，,。；;]{0,4})(?:按照|按|给予|负责|承担|支付|发放|兑付|拨付)"),
}

# Who pays, asked: "这笔钱是市里出还是区里出？", "哪一级出钱" (its words are the asking, no subject: 出 is no keyword)
PARTIES_ZH = r"国家|中央|地方|财政|政府|单位|企业|公司|个人|银行"  # who may pay, give or contribute
PAYER_ZH = rf"(?:[市区县省镇]|{PARTIES_ZH})(?:里|级|上|这边|那边)?"
PAYING_ZH = r"(?:出钱|出资|出|发放|发|给|拨付|拨|兑付|承担|负担|掏钱|买单)"
WHO_PAYS_ZH = rf"{PAYER_ZH}{PAYING_ZH}(?:吗|呢)?[，,]?\s*还是(?:{PAYER_ZH}{PAYING_ZH}?)?|哪(?:里|儿|级|一级){PAYING_ZH}"

MONEY_ASKED_EN = (r"how much|\bamount\b|\bcap\b|\bceiling\b|\bmaximum\b|(?<!time )(?<!age )\blimits?\b|\bthreshold\b|above what"
                  # "what's the most we could borrow", "how big can the loan be": a sum, though no money word says it
                  r"|\bthe most (?:\w+\s+){0,3}?(?:borrow|get|receive|claim|obtain|be (?:given|paid|granted|lent|awarded))\b"
                  r"|\bhow (?:big|large)\b(?=.{0,24}\b(?:loans?|subsid\w*|grants?|rewards?|allowances?|bonus\w*|awards?)\b)")
# What a question asks for. Order matters only for readability; a question may ask several.
PORTION_ASKED_EN = r"\bhow much of (?:the|its|their|my|our|your|that|this|it)\b"  # a portion of it: a share (50%)
PORTION_ASKED = re.compile(PORTION_ASKED_EN, re.I)
SUM_NAMED_EN = re.compile(r"\b(?:yuan|rmb|amount|sum)\b"  # "how much of the fee in yuan": a sum after all
                          # "how much of that can be the bed fee": the part of a sum given before an item may take
                          r"|\bhow much of (?:that|it|this)\b.{0,30}\b(?:fee|fees|cost|costs|charge|charges|rent)\b", re.I)
LAST_DAY_EN = r"\b(?:last|final|closing) day\b|\bcut-?off\b|\bclos(?:e|es|ing)\b"  # the deadline in other words ("when does it close?")
ASKED = {
    "zh": {
        "money": re.compile(r"多少钱|多少元|多少万|多少亿|几亿|几万|金额|额度|固定(?:金额|奖励|补贴|补助|数额)|定额|奖多少|补多少|(?:贷|借)款?多少|领多少|给多少|拿多少|扣多少|报多少|报销多少|赔多少|贴多少|资助多少|补贴多少|奖励多少|"
                            r"补助多少|(?:最高|最多|上限)(?:是|能|可以|可)?(?:多少|几)|(?<!年龄)上限|封顶|费.{0,4}多少|标准是多少|多少.{0,2}(?:钱|元|补贴|奖励|资金|费)|"
                            r"多少(?![家个名项套场所人批户座篇件类条次])[^，,。？?、]{0,6}(?:经费|资金|补贴|补助|奖励|奖金|费用)"  # 多少科研经费
                            r"|多(?:贷|借|补|给|拿|领|批|奖|贴|报销?)(?:一)?(?:点|些)"),  # "能不能多贷点": a larger sum asked
        "percent": re.compile(r"比例|百分之|比率|占比|费率|利率|多少成|几成|几折|多少折|折扣|打折|税率|[^效]率|占(?:到|据)?多少(?![家个名项套场所人批户座篇件类条次种])"  # 要占多少: a share
                              r"|利息(?:是|要)?(?:怎么|咋|如何|怎样)(?:算|计算|收)"),  # "利息咋算？": the rate
        "duration": re.compile(r"多久|多长时间|多长|几年|几个月|多少个月|多少年|几天|多少天|几个工作日|期限|多少小时|几周|年限|时长|满多少|多少岁|几岁|年龄|年纪|岁数|"
                               r"时限|时间(?:要求|限制)"),  # "有没有时间要求？": 一年以内 or a last day
        "date": re.compile(r"什么时候|啥时候?|何时|哪天|哪一天|截止|日期|几月|几号|时间节点|起止|印发.{0,3}(?:时间|日)|时限|时间(?:要求|限制)"),
        "year": re.compile(r"哪一?年|几几年|什么年份"),
        "count": re.compile(r"多少[家个名项套场所人批户座篇件类条次种]|几[家个名项套场所人批户座篇件类条次种]|多少品目|一共多少|共有多少|总共多少"),
        "phone": re.compile(r"电话|联系方式|热线|联系人"),
        "address": re.compile(r"(?:发送|发|提交|交|寄|送|报送|申报|办理|递交)(?:到|至|给)?(?:哪里|哪儿|哪|什么地方)|在哪(?:里|儿)?(?:提交|申报|办理|申请)|"
                              r"哪里(?:提交|申报|办理|申请)|邮箱|地址|网址|网站"
                              # the one materials go to: "材料交给谁？", "申请表发给谁" (an address or mailbox says it)
                              r"|(?:发送|发|提交|交|寄|送|报送|递交|上交|报)给(?:谁|哪个|哪家|哪位)"),
        "condition": re.compile(r"谁(?:可以|能|有资格)(?:申请|申报|享受)|条件|资格|对象|能不能申请|可以申请吗|能申请吗"),
        "org": re.compile(r"(?<!谁可以)(?<!谁能)谁(?!可以申|能申|有资格)|哪个(?:部门|单位|机构|机关)|哪[几些个]?个?地方(?=.{0,4}(?:负责|落实|牵头|主管))|哪些(?:部门|单位|机构)|什么(?:部门|单位|机构)|哪家|找哪"
                           "|" + WHO_PAYS_ZH),
        "area": re.compile(r"面积|多大的?(?:场地|空间|地方)|多少平|几平"),
        # what a rate is taken of: "0.12%是按什么算的？", "基数是多少"
        "base": re.compile(r"基数|按什么(?:算|计算)|以什么为|(?:什么|啥)的(?:\d+(?:\.\d+)?%|百分之)"),
        # where it is rolled out: "是全国推广还是只在那8个区域？", "在哪些地方推广", "推广范围多大"
        "scope": re.compile(r"推广范围|(?:全国|全省|全市|各地)(?:都|范围内?)?(?:推广|推开|实施|适用)|只在[^，,。？?]{0,10}(?:推广|实施|试点|区域|地区|城市)"
                            r"|在哪(?:些|里|儿)?(?:地方|区域|地区|城市)?(?:推广|推开|实施|试点|适用)|(?:推广|适用|实施)范围"),
        "measure": re.compile(r"(?:多少|几)(?:万|千)?(?:亩|吨|千瓦时|千瓦|兆瓦|公里|千米|立方米|公顷|卡时|度电)"  # a quantity, not a count
                              r"|多(?:薄|厚|宽|窄|高|深|粗|细|重|远)"),  # …or a size asked by its adjective: "多薄的不让用？" (0.01毫米)
        "combine": re.compile(r"叠加|兼得|兼顾享受|重复享受|同时(?:享受|申请|申报|领取|领|拿|扣除|扣|使用|办理)|一起(?:享受|申请|申报|领|拿|扣)"
                              r"|同一(?:年|个?月|年度|纳税年度)[里内中]?(?:都|一起|同时)"),  # "房租和房贷利息能在同一年里都扣吗"
        "share": re.compile(r"(?:两个人|两人|俩人|我们俩|夫妻|双方)都(?:能|可以)?(?:扣|领|享受|申请)|各扣|各自扣|一人一半|一人扣一半|分摊|平摊|分着(?:扣|领|享受)|分开(?:扣|领|享受)|(?:两个人|两人|俩人)分"),
        "schedule": re.compile(r"(?:怎么|怎样|如何)(?:发放?|给|拨付?|付|支付|兑现|兑付|到账)|分几(?:年|次|期|批)|分期|"
                               r"一次性(?:给|发|拨|付|拿|领)?(?:钱|完|清|齐)?(?:的吗|吗|么|还是|给完)|是不是一次性|按月(?:发|给)?还是|按年(?:发|给)?还是"),  # (是一次性给钱吗)
    },
    "en": {
        # asked in so many words (MONEY_ASKED_EN), or by naming a sum of money (a subsidy, a loan, a fee…)
        "money": re.compile(MONEY_ASKED_EN + r"|\bsubsid|\ballowance|\breward|\bgrant|\bbonus|"
                            r"\bfee\b|\bcost\b|\bfunding\b|\bloan\b|\bdeduct|\bincome\b|\brevenue\b|\bturnover\b|\bwages?\b|\bsalar(?:y|ies)\b|\bin (?:yuan|rmb)\b"
                            r"|\bhelp (?:with|towards?|paying|to pay|covering)\b"  # "any help with the rent?"
                            # "What's the fine if…?", "any fines?": a sum (not "a fine mesh", "that's fine")
                            r"|\b(?:the|a|any) fine\b(?=\s*(?:$|[?.,;]|for\b|if\b|of\b|is\b|would\b|when\b))|\bfines\b|\bpenalt", re.I),
        "percent": re.compile(r"\bper ?cent|\bpercentage|" + PORTION_ASKED_EN + r"|\bhow (?:is|are|will|would|does|do) (?:it|they|that|this|the [\w-]+(?: [\w-]+)?) (?:be )?(?:split|divided|shared|apportioned)\b|\b(?:what|which|the|a|its|their|same|equal|bigger|larger|smaller) share\b|\bshare of\b|\bratio\b|(?<!feed[- ])(?<!feed)\brate\b|\bproportion"
                            r"|\bdiscount|\b(?:percent|%) off\b", re.I),  # "what's the rent discount": a share (八折), as 打几折
        "duration": re.compile(r"how long|how (?:quickly|soon|fast)\b|\bduration\b|\bperiod\b|(?<!long-)(?<!long )\bterm\b|\btime limit|how many (?:years|months|days)|\bvalid\b|(?<!\bat )(?<!\bat the )\bage\b(?! (?:of )?\d)|(?<!year-)(?<!years-)(?<!year )(?<!years )\bold\b|\b(?:how|too|so)\s+young\b|\byoung enough\b", re.I),  # (a 21-year-old: who asks)
        # "when" asks only as a question word (When is…, by when); "…when we first arrive" is a condition
        "date": re.compile(r"^\W*when\b|[.?!;:,]\s*when\b|\bwhen\s+(?:is|are|was|were|does|do|did|will|would|can|could|should|"
                           r"must|shall|has|have)\b|\b(?:by|until|till|from|since) when\b|\bdate\b|\bdeadline\b|by what"
                           # "is there a particular month when it opens?", "which month do applications close?"
                           r"|\b(?:which|what|a particular|a set|a fixed|a specific|any particular) (?:month|day|week)\b"
                           r"|\bwhen (?:it|they|applications?|the window|the call|registration) (?:opens?|closes?|starts?|begins?|ends?)\b"
                           rf"|{LAST_DAY_EN}", re.I),  # "What's the last day to hand in…?"
        "year": re.compile(r"which year|what year|\bfor which year\b", re.I),
        "count": re.compile(r"how many(?! (?:percent|per cent|percentage points)\b)|how often|how frequently", re.I),  # ("how many percent": a share; "how often will a carer come": 每月上门不低于6次)
        # "Who should I ring to confirm?", "who do we phone", "whom can I call": whom to telephone ("what is it
        # called" asks no number)
        "phone": re.compile(r"\bphone\b|\btelephone\b|\bhotline\b|\bcontact (?:number|person|people|details)|\bring\b"
                            r"|\bwhat(?:'s|’s| is) (?:the|their|your) number\b(?!\s+of\b)"  # "Who's the contact person, and what's the number?"
                            r"|\bwhom?\b(?:\s+\w+){1,3}\s+(?:call|dial)\b"
                            # "what number do we call to confirm?", "a number to ring"
                            r"|\b(?:what|which)\s+(?:\w+\s+){0,2}number\b(?!\s+of\b)(?=\s+(?:\w+\s+){0,3}(?:call|ring|dial)\b)|\bnumbers?\s+to\s+(?:call|ring|dial)\b", re.I),
        "address": re.compile(r"\bwhere (?:do|can|should|must|to|does|is|are|will)\b.{0,80}\b(?:send|sent|submit(?:ted)?|apply|file[ds]?|deliver(?:ed)?|hand(?:ed)?|e-?mail(?:ed)?|post(?:ed)?|mail(?:ed)?|lodge[ds]?)\b|"
                              r"\bwhere to (?:send|submit|apply)|\baddress\b|\bwebsite\b"
                              # "Who do we send the forms to?", "who do I hand it in to": the one materials go to
                              r"|\bwho(?:m)? (?:do|should|can|must|shall|will) (?:we|i|you|they) (?:send|submit|hand|give|e-?mail|mail|post|deliver|turn)\b.{0,40}\bto\b"
                              # the mailbox, not "after we email the files" (a step done, the verb)
                              r"|\be-?mail\b(?!(?:ed|ing)?\s+(?:the|it|them|our|my|your|their|this|that|these|those|us|him|her|all)\b)", re.I),
        "condition": re.compile(r"\beligib|\bqualif|\bconditions?\b|\brequirements?\b|\bcriteria\b|\bwho (?:can|may) apply", re.I),
        "org": re.compile(r"\bwho\b(?! (?:can|may) apply)|\bwhich (?:department|body|bodies|agency|agencies|office|bureau|unit)s?\b", re.I),
        "area": re.compile(r"\barea\b|(?<!per )\bsquare met|\bfloor space\b", re.I),
        "base": re.compile(r"\bof what\b|\bbased on what\b|\b(?:taken|calculated|charged|worked out|applied) (?:of|on|from|to) what\b"
                           r"|\bwhat(?:'s|’s| is) (?:it|that|this|the)(?: \w+)? (?:based on|calculated on|applied to|a percentage of|taken (?:of|from))\b"
                           r"|\bwhat(?:'s|’s| is) (?:that|this|the) (?:rate|percentage|percent) applied to\b|\bcontribution base\b", re.I),
        "scope": re.compile(r"\bnationwide\b|\bnationally\b|\bacross the (?:whole )?country\b|\bwhere (?:is|was|are|were|will) (?:it|this|they|that|these)\b"
                            r"(?:\s+\w+){0,3}\s+(?:rolled out|applied|promoted|implemented|extended)\b|\broll-?out (?:area|scope)\b", re.I),
        "measure": re.compile(r"how many (?:tons|tonnes|hectares|mu|kilowatts|kilowatt[- ]?hours|kwh|megawatts|kilomet(?:er|re)s|km|cubic"
                             r"|(?:card|gpu|computing)[- ]?hours)\b", re.I),  # "how many card-hours": 2000卡时, a quantity
        "combine": re.compile(r"\btogether with\b|\bat the same time\b|\bcombine\b(?!\s*(?:-\s*)?harvest)|\bstack(?:ed)?\b|\bon top of\b|"
                              r"\b(?:get|claim|have|take|enjoy|receive)\b.{0,12}\bboth\b|\bdouble[- ]dip"
                              r"|\b(?:deduct|claim|get|take|have|enjoy|receive)\s+both\b|\bin the same (?:year|month|period)\b|\bsimultaneously\b", re.I),
        # several people taking it: "Can we both claim it?", "Can each of us claim it?", "split it between us"
        "share": re.compile(r"\b(?:we both|both of us|each of us|both spouses|each spouse|split (?:it|the \w+) between|half each)\b"
                            # "Only one parent can take it, or both parent split?"
                            r"|\bboth (?:parents?|spouses?|of them|partners?)\b.{0,15}\b(?:split|share|claim|take)"
                            r"|\bonly one (?:parent|spouse|of us|of them|partner)\b", re.I),
        # how a sum is paid out: "How is the allowance paid out?", "Is it a lump sum?", "paid in instalments?"
        "schedule": re.compile(r"\bhow(?:'s|’s|\s+(?:is|are|will|would|does|do))\b(?:\s+[\w'-]+){0,6}?\s+(?:paid|disbursed|handed out|released|given out|pa(?:y|id) out)\b"
                               r"|\blump[- ]sum\b|\bin (?:one go|instal+ments)\b|\ball at once\b|\bone-off\b|\bone-time payment\b", re.I),
    },
}
# A Chinese phrase asking for each kind (ASKED["zh"] reads it as that kind): an English question read as Chinese
# words ("How much can one person borrow…?" → 创业担保贷款 贷款) keeps what it asked ("多少钱") when a Chinese turn
# poses a case on it ("要是雇了8个人呢"). In order: of several kinds a question asks (money, percent: any figure of
# "how much"), the first says it.
ASKING_ZH = {"money": "多少钱", "percent": "比例是多少", "duration": "多久", "date": "什么时候", "year": "哪一年",
             "count": "多少个", "phone": "电话是多少", "address": "提交到哪里", "condition": "条件是什么", "org": "哪个部门",
             "area": "面积多大", "combine": "能同时享受吗", "share": "两人都能扣吗", "schedule": "怎么发放"}


# Headings that announce what their clause states: under 申报对象 or 申请条件 the sentences say who may apply,
# whatever words they use ("在静安区依法设立的法人、非法人组织…").
HEADED = {
    "condition": re.compile(r"对象|条件|资格|适用范围|支持范围|申报主体|申请主体|申报范围|申请范围|准入"),
    "date": re.compile(r"时间|期限|日期|时限|截止|安排"),
    "phone": re.compile(r"联系|咨询|热线"),
}


# Words that ask for a kind rather than name a subject: in "谁有资格申报" or "申请条件是什么", 资格 and 条件 are
# what is asked (like 多少), so they are no keywords a sentence must contain.
# Likewise "能补多少钱" asks for a sum: the lexicon reads 钱 as 资金 and 补多少 as 补助 (qa/lexicon/synonyms.tsv, for
# finding the clauses), and those readings name what is asked; a sentence stating a sum ("经评估，给予最高200万元
# 支持") need not use them. A name the asker chose ("交通补贴") says which sum, and stays.
ASKING_WORDS = {"condition": {"资格", "条件", "对象", "申请条件", "申报条件", "资格条件", "申请资格", "申报资格"},
                "money": {"资金", "补助"}}


def subject_words(keywords: list[str], kinds: set[str]) -> list[str]:
    """The keywords that name what a part is about, without the words asking for its kinds — all of them when
    the part names nothing else ("补贴多少？": the sum asked is all it says)."""
    asking = set().union(*(ASKING_WORDS.get(kind, set()) for kind in kinds)) if kinds else set()
    return [k for k in keywords if k not in asking] or keywords


HEADING_MAX_CHARS = 12  # a longer title is a sentence's opening words (第十条 纳税人接受…职业资格…), no heading


def heading_announces(heading: str, kinds: set[str]) -> bool:
    """The clause's own heading (its title: 申报对象, （一）补贴对象) says it states one of these kinds."""
    heading = heading.strip()
    if len(heading) > HEADING_MAX_CHARS or heading.endswith("…"):
        return False
    return any(kind in HEADED and HEADED[kind].search(heading) for kind in kinds)


# What a Q&A question heading may ask that says which answer it is: a span, a day, a count — not a sum or a share
# (…多少额度？, …比例是多少？ ask the kind every figure item of a Q&A asks), nor an age (年龄限制 is no 多长时间).
HEADING_ASKED_KINDS = {"duration", "date", "count"}
# How long a step of handling takes ("申请之后多久能到账？", "审批要几天", "多久出结果", "钱啥时候能到账",
# "How long until the money arrives?"): a
# span of that step answers it (拨付, 审核, 办结 …个工作日), not how long the support lasts (补贴期限最长3年).
PROCESS_ASKED = re.compile(r"(?:多久|多长时间|几天|多少天|几个工作日|多少个工作日|啥时候|什么时候|何时)[^，,。？?]{0,4}"
                           r"(?:到账|到位|放款|批下来|办下来|办好|下来|拨付|兑现|发放|发下来|审批|审核|办结|出结果|有结果|有回复|出结论|"
                           r"拿到钱|拿到手|到手|领到|发钱|给钱|打款|打钱|打到卡|到卡|打到账|进账|到银行卡)"
                           r"|(?:到账|放款|拨付|兑现|审批|审核|办结|结果)[^，,。？?]{0,4}(?:多久|多长时间|几天|多少天|几个工作日|多少个工作日|啥时候|什么时候|何时)"
                           r"|\bhow long\b[^?]{0,50}\b(?:arrive|paid out|pay out|reach (?:us|me|our account)|approv|review|process|disburs|land|(?:is|gets?) paid)", re.I)
PROCESS_STATED = re.compile(r"到账|到位|放款|拨付|兑现|兑付|发放|审批|审核|办结|受理|工作日")


AGE_ASKED = re.compile(r"年龄|年纪|岁数|多少岁|几岁|多大|\bage\b|\bold\b|\byoung\b", re.I)


@lru_cache(maxsize=1024)  # read for every candidate sentence of a question (evidence.gather)
def _heading_kinds(heading: str) -> frozenset[str]:
    return frozenset(asked_kinds(heading, "zh") & HEADING_ASKED_KINDS)


def heading_asks(heading: str, kinds: set[str], question: str) -> bool:
    """The clause is a Q&A's answer whose question (its heading: "创业担保贷款每次最长可以申请多长时间？") asks the
    span, day or count the question asks ("For how many years can I borrow it?"): its sentences answer it."""
    heading = heading.strip()
    if not heading.endswith(("？", "?")):
        return False
    both = set(_heading_kinds(heading) & kinds)
    if "duration" in both and bool(AGE_ASKED.search(heading)) != bool(AGE_ASKED.search(question)):
        both.discard("duration")  # an age asked is no span of time
    return bool(both)


NON_FIGURE_KINDS = {"org", "condition", "ending", "total", "deadline", "address", "combine", "share", "scope", "base"}  # asked kinds that are no figure:
# a "who" part wants a body named
# Kinds a sentence states in so few words of its own that the question's words can't find it: the last day
# ("即日起至2026年6月30日"), where to send ("发送至：x@y.com"). A sentence stating one answers in its own words.
SELF_EVIDENT_KINDS = {"deadline", "address"}
DERIVED_KINDS = {"rate", "percent", "measure"}  # added to what a question asks; they don't count as asked twice
CURRENCY_ASKED = re.compile(r"多少钱|多少元|多少万|多少亿|几亿|几万|(?:贷|借)(?:款)?(?:多少|几)|how much money|how many yuan|in yuan"
                            r"|\bborrow\w*\b|\bloan amount|\bhow (?:big|large)\b", re.I)  # a sum borrowed: no share answers it
ANY_FIGURE_KINDS = ("money", "percent", "count", "duration", "rate", "measure")
EXPLICIT_FIGURE_EN = re.compile(r"how (?:much|many)|\bamount\b|\bcap\b|\bceiling\b|\bmaximum\b|\brate\b|\bpercent", re.I)
# (a target asked by its noun: "2020年要达到什么指标？", "定了哪些目标" — the documents state targets as figures)
ANY_FIGURE = re.compile(r"多少|几[个家项名年月天次]|(?:什么|啥|哪些)(?:指标|目标)|how (?:much|many|long)", re.I)


# "which banks", "which documents": asks for things (which bodies, which year: org and year kinds)
WHICH_THINGS_EN = re.compile(r"\bwhich\s+(?!years?\b|department|bod(?:y|ies)\b|agenc|office|bureau|unit)[a-z]+", re.I)


# "who" after a word, in a question that asks with another word: a relative pronoun ("…for a PhD who buys his
# first home, how much?"), not a question about a body. After and/or/to/by… it still asks ("and who pays?").
RELATIVE_WHO = re.compile(r"(?<=[a-z0-9'’])(?<!\band)(?<!\bor)(?<!\bbut)(?<!\bso)(?<!\bthen)(?<!\bto)(?<!\bby)(?<!\bfrom)"
                          r"(?<!\bwith)(?<!\bfor)(?<!\bknow)(?<!\bask)(?<!\bme)(?<!\bis it)(?<!\bwas it)"
                          r"(?:\s+|,\s+(?=who\b[^?.!]*\.))who\b", re.I)  # ", who" in a statement: "…our parents, who are in their sixties."
OTHER_QUESTION_WORD = re.compile(r"\b(?:how|what|which|when|where|whether)\b"
                                 r"|[.?!;]\s+(?:is|are|can|could|do|does|did|will|would|should|may)\b", re.I)  # "…. Is there…?"


def without_relative_who(question: str) -> str:
    """The English question with a relative "who" read as "that", so that only a "who" that asks asks for a body."""
    if not OTHER_QUESTION_WORD.search(question):
        return question
    return RELATIVE_WHO.sub(" that", question)


# A name in English: two or more capitalised words inside a sentence ("the Greater Bay Area", "a Free Trade Zone
# enterprise", "the State Council's plan"). A kind word in it (Area, Rate, Time) names, it does not ask.
PROPER_NAME_EN = re.compile(r"(?<=[\w,;:()'’\"“”]\s)[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*"
                            r"(?:\s+(?:of\s+|and\s+|for\s+|&\s+)?[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*)+")


def without_proper_names_en(question: str) -> str:
    """The English question without the names it holds (PROPER_NAME_EN), each left as one placeholder word."""
    return PROPER_NAME_EN.sub("Name", question)


# An English question asks for a sum in so many words (how much, the amount, the cap…): a loan or a subsidy named beside
# "how long" or "how many" is what the question is about, not the figure it asks for.
MONEY_ASKED = re.compile(MONEY_ASKED_EN, re.I)
RATE_ASKED_EN = re.compile(r"\b(?:interest )?rate\b|\bpercent|\bpercentage\b|\bratio\b|\bproportion\b", re.I)
OTHER_FIGURE_KINDS = {"duration", "date", "year", "count", "measure", "area", "schedule"}
# Asking how a figure is arrived at asks for the rule (一事一议, 按实际发生额), not for the figure.
HOW_DECIDED_EN = re.compile(r"\bhow (?:is|are|was|were|will|would|do|does)\b.{0,60}?\b(?:decided|determined|set|agreed|"
                            r"worked out|negotiated|calculated|fixed)\b", re.I)


# A number said roughly (十几年, 几十亩, 退休好几年了): no question — and, with its unit, no keyword (ROUGH_FIGURE).
APPROXIMATE = re.compile(r"[十百千万]几|几[十百千万]|好几")
ROUGH_FIGURE = re.compile(rf"(?:{APPROXIMATE.pattern})[年月天周个人名家亩万元]?")


# A supposition ("if we do qualify later", "once we're eligible"): what it supposes is not what is asked
SUPPOSED_EN = re.compile(r"\b(?:if|once|when|assuming|provided)\s+(?:\w+\s+){0,8}?(?:qualif\w*|eligible|"
                         # "if we do meet the hiring requirement", "once we satisfy the conditions"
                         r"(?:meet|meets|met|satisfy|satisfies|satisfied|fulfil+s?|fulfil+ed|pass|passes|passed)\s+"
                         r"(?:\w+\s+){0,3}?(?:requirements?|conditions?|criteria|thresholds?|terms|bar|tests?))\b", re.I)


# …and in Chinese: "要是人数够了，企业最多能贷多少？", "如果符合条件的话，能补几年？"
SUPPOSED_ZH = re.compile(r"(?:要是|如果|假如|若是|倘若)[^，,。？?]{0,10}?(?:够了|够数|符合(?:条件|要求)?|达到(?:要求|条件|标准)|"
                         r"满足(?:条件|要求)|达标)了?(?:的话)?[，,]\s*")


def without_supposition(question: str) -> str:
    """A question without its supposing qualifying ("If we do meet the hiring requirement, what's the most we
    could borrow?" → "what's the most we could borrow?"; "要是人数够了，企业最多能贷多少？"): the requirement is what
    the turn before asked about, not what this one asks — its words would find the condition's clause again."""
    return SUPPOSED_ZH.sub(" ", SUPPOSED_EN.sub(" ", question)).strip(" ,;") or question


# A figure said before, pointed at ("这个比例", "该标准"): what the turn is about, not what it asks — when the turn
# asks something else besides ("…会被罚多少钱？"; "这个比例是多少？" asks it)
REFERRED_FIGURE_ZH = re.compile(r"(?:这个|那个|这一|该|此|上述)(?:比例|比率|费率|期限|年限|金额|额度|标准|数额|指标)")


# "How much <a quantity>": the amount of a thing measured in its own unit, not a sum of money (卡时, 千瓦时, 亩, 平方米)
QUANTITY_ASKED_EN = re.compile(r"\bhow much (?:(?:free|more|extra|total|additional|subsidi[sz]ed|rent-free)\s+)?(?:computing power|compute|computing time|gpu time|gpu hours|"
                               r"card[- ]hours|electricity|energy|power|land|floor space|office space|space|water|area)\b", re.I)
# A time asked relative to an event: "by when after grid connection", "within how long of approval", "并网后什么时候"
RELATIVE_TO_EVENT = re.compile(r"\b(?:after|following|once|from|of)\b(?!\s+(?:the\s+)?(?:year|month|day)\b)|[^\s，,。？?]{2,}(?:之后|以后|后)", re.I)


def asked_kinds(question: str, language: str) -> set[str]:
    """The kinds of figure a question (or one part of it) asks for; empty when it asks for none."""
    if language == "en":
        question = without_relative_who(without_proper_names_en(question))
    else:
        question = APPROXIMATE.sub("", question)
        # "没达到这个比例，会被罚多少钱？": the share said before is pointed at; the turn asks a sum
        stripped = REFERRED_FIGURE_ZH.sub("", question)
        if stripped != question and any(pattern.search(stripped) for kind, pattern in ASKED["zh"].items()
                                        if kind not in NON_FIGURE_KINDS):
            question = stripped
    kinds = {kind for kind, pattern in ASKED[language].items() if pattern.search(question)}
    if "schedule" in kinds:  # "一次性发，还是分几年发？", "分几次拨付": 分几年 asks how it is paid out, not how long or how many
        unscheduled = ASKED[language]["schedule"].sub(" ", question)
        kinds -= {kind for kind in ("duration", "count") if not ASKED[language][kind].search(unscheduled)}
    if language == "en" and "condition" in kinds and not ASKED["en"]["condition"].search(SUPPOSED_EN.sub(" ", question)):
        kinds.discard("condition")  # "If we do qualify later, how big can the loan be?": qualifying supposed, not asked
    if language == "en" and (kinds & NON_FIGURE_KINDS or WHICH_THINGS_EN.search(question)) \
            and not EXPLICIT_FIGURE_EN.search(question):
        kinds -= {"money", "percent", "rate"}  # "Who can apply for the subsidy?", "which banks handle the loan?"
        # name a subsidy or a loan, and ask for no amount
    if language == "en" and HOW_DECIDED_EN.search(question) and not MONEY_ASKED.search(question):
        kinds -= {"money", "percent", "rate"}  # "how is their share of the proceeds decided?": a rule, not a figure
    portion = language == "en" and bool(PORTION_ASKED.search(question))
    if portion and not SUM_NAMED_EN.search(question):
        kinds -= {"money", "rate"}  # "how much of the interest does the government cover?": a portion (50%), no sum
    if language == "en" and "money" in kinds and "percent" in kinds and RATE_ASKED_EN.search(question) \
            and not MONEY_ASKED.search(question):
        kinds.discard("money")  # "What interest rate will that loan charge?": a rate, the loan says what of
    if language == "en" and "money" in kinds and (kinds & OTHER_FIGURE_KINDS or "phone" in kinds) \
            and not MONEY_ASKED.search(question):
        kinds.discard("money")  # "How long can I keep the loan?": the loan is what about, how long is what is asked
        # ("What's the phone number of the hotline for this subsidy?": a number to call, not a sum)
    if "count" in kinds and (language == "en" and re.search(r"how many (?:years|months|days)", question, re.I)
                             or "measure" in kinds):
        kinds.discard("count")  # "how many years" asks a duration, "how many tons" a quantity
    if not (kinds - NON_FIGURE_KINDS) and ANY_FIGURE.search(question):
        kinds |= set(ANY_FIGURE_KINDS)  # "能扣多少？": any figure answers it
    if kinds - NON_FIGURE_KINDS and TOTAL_ASKED.search(question):
        kinds.add("total")  # "一共推广了多少项": the figure said to be the total (共23项) over its parts (6项)
    if "date" in kinds and DEADLINE_ASKED.search(question):
        kinds.add("deadline")  # "申报材料什么时候截止？": the sentence giving the last day
    if language == "en" and QUANTITY_ASKED_EN.search(question) and not CURRENCY_ASKED.search(question):
        kinds = (kinds - {"money", "percent", "rate"}) | {"measure"}  # "how much free computing power…": 2000卡时
    if "date" in kinds and RELATIVE_TO_EVENT.search(question):
        kinds.add("duration")  # "By when after grid connection must we apply?", "并网后多久内申报": a time limit from
        # the event (并网投产后一年以内) answers it as a date would
    if "date" in kinds and ENDING_ASKED.search(question):
        # "奖励什么时候停止？": a sentence saying when it ends — after 5年, at 6050小时, or on a date
        kinds |= {"duration", "measure", "ending"}
    if "percent" in kinds and not portion:
        kinds.add("rate")  # 0.05元/千瓦时 and LPR+50BP are rates too (not a portion of something: 50% of the interest)
    if "money" in kinds:
        kinds.add("rate")
        if not CURRENCY_ASKED.search(question):
            kinds.add("percent")  # "能补多少？" is answered by 20% as well as by 100万元; "多少钱" only by money
    return kinds


# The quantities a rate is stated per (元/千瓦, 每亩…): unit, its Chinese (as a rate writes it after 每 or /), its English.
PER_QUANTITY = (
    ("kilowatt-hour", r"(?:千瓦时|度电?)", r"kilowatt[- ]hours?|kwh|units? of electricity"),
    ("kilowatt", r"千瓦(?!时)", r"kilowatts?|kw(?![- ]?h)"),
    ("square metre", r"平方米|平米", r"square met(?:re|er)s?|sq\.? ?m|m2"),
    ("mu", r"亩", r"mu"),
    ("tonne", r"吨", r"tons?|tonnes?"),
)
# The period a figure is for: "daily cap", "每月能领多少", "annual ceiling" — stated as 每天/每日, 每月, 每年/年度.
PERIODS = {
    "day": (re.compile(r"每天|每日|每人每天|/天|/日|\bdaily\b|\bper day\b|\beach day\b", re.I),
            re.compile(r"每天|每日|/天|/日|日均")),
    "month": (re.compile(r"每月|每个月|按月|\bmonthly\b|\bper month\b|\beach month\b", re.I),
              re.compile(r"每月|每个月|按月|/月|月均")),
    # ("一年最多多少", "一年能拿多少": per year; not 满一年, 第一年, 前一年)
    "year": (re.compile(r"每年|每一年|年度|(?<![满近超过到第前后头])一年(?=[^，,。？?]{0,3}(?:最多|最高|封顶|上限|能|可以|多少|几|给|补|奖))"
                        r"|\bannual(?:ly)?\b|\byearly\b|\bper year\b|\beach year\b", re.I),
             re.compile(r"每年|年度|/年|全年")),
    # …and the quantity a rate is per: "what reward per kilowatt", "每千瓦奖多少" → 500元/千瓦, not the 20% paid a year
    **{unit: (re.compile(rf"每{zh}|/{zh}|\bper (?:{en})\b", re.I), re.compile(rf"每{zh}|/{zh}"))
       for unit, zh, en in PER_QUANTITY},
}


def asked_periods(question: str) -> set[str]:
    """The periods a question asks a figure for ("the daily cap" → {"day"})."""
    return {period for period, (asked, _) in PERIODS.items() if asked.search(question)}


def states_period(sentence: str, periods: set[str]) -> bool:
    return any(PERIODS[p][1].search(sentence) for p in periods)


def asks_only_money(question: str, language: str) -> bool:
    """The question asks an amount or a share and no other kind of figure ("how much", "补多少"; not "多少家",
    not "多久")."""
    kinds = asked_kinds(question, language) - NON_FIGURE_KINDS
    return bool(kinds) and kinds <= {"money", "percent", "rate"}


DEADLINE_ASKED = re.compile(rf"截止|截至|最晚|最迟|之前(?:提交|申报)|\bdeadline\b|\blatest\b|\bby when\b|{LAST_DAY_EN}", re.I)
TOTAL_ASKED = re.compile(r"一共|总共|共有|共计|合计|总计|总数|总额|\bin total\b|\baltogether\b|\btotal (?:number|amount)\b", re.I)
# "When does it stop?" is answered by how long it lasts or what ends it as often as by a date.
ENDING_ASKED = re.compile(r"(?:停止|结束|终止|到期|不再|截止发放|停发|取消|停(?:掉|了)?(?=[呢吗啊吧？?。！!\s]|$))|\bkeeps? (?:paying|coming)\b|\b(?:stop|end|expire|run out|cease)s?\b", re.I)

ASKED_UNIT = re.compile(r"(?:多少|几)个?(工作日|小时|分钟|周岁|岁|个月|天|周|次|家|名|项|人|台|套|批|户)"
                        r"|(?:多少|几)(个)(?=[呢啊吧]?(?:[？?。，,！!\s]|$))")  # "准备建多少个？": counted in 个, as 100个 is


def asked_unit(question: str) -> str | None:
    """The unit a question names ("多少个工作日", "几家"): the answer must be counted in it. Not the first character of
    a longer word ("几个人工智能社区", "几个项目": 人工智能 and 项目 are what is counted, in 个)."""
    for m in ASKED_UNIT.finditer(question):
        group = 1 if m.group(1) else 2
        start, end = m.span(group)
        if not any(s == start and e > end for _, s, e in _word_spans(question)):
            return m.group(group)
    return None


# The unit an English question counts in: "how many days does the bank take" is answered in days, not by 12个月.
ASKED_UNIT_EN = re.compile(r"\bhow many (working days|business days|days|weeks|months|hours)\b", re.I)
UNIT_EN = {"working days": "工作日", "business days": "工作日", "days": "天", "weeks": "周", "months": "个月", "hours": "小时"}


def asked_unit_en(question: str) -> str | None:
    m = ASKED_UNIT_EN.search(question)
    return UNIT_EN[m.group(1).lower()] if m else None


@lru_cache(maxsize=1024)
def _word_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    import jieba

    return tuple(jieba.tokenize(text))


# A unit asked for, and the units that count in it (几天 is answered by 2个工作日).
UNIT_FAMILY = {"天": "天|日|工作日", "工作日": "工作日|天|日", "岁": "周?岁", "周岁": "周?岁", "个月": "个?月", "人": "人|名",
               "名": "名|人", "周": "周|星期", "个": "个(?!月|工作日|小时|百分点)|家|所|座|处"}


def states_unit(sentence: str, unit: str) -> bool:
    return bool(re.search(NUMERAL + r"\s*个?(?:" + UNIT_FAMILY.get(unit, re.escape(unit)) + ")", sentence))


MEASURE_WORDS = set("个家名项套场所人批户座篇件类条次台辆")
OBJECT_FLAGS = ("n", "vn", "j", "nz", "an")  # parts of speech a measured object is made of (运营/vn 补贴/n)


# "What's his personal rate?", "Does she pay a higher personal rate than me?": the thing an English part asks the
# figure of, as a noun phrase ending in a figure's head (rate, share, contribution…)
FIGURE_THING_EN = re.compile(r"\b(?:a|the|his|her|their|my|our|your|its)\s+(?:(?:higher|lower|bigger|smaller|different|same|own)\s+)?"
                             r"((?:[a-z'-]+\s+){0,3}(?:rate|share|contribution|subsidy|allowance|cap|limit))\b", re.I)


def asked_object_en(question: str) -> str | None:
    """The glossary term an English part asks the figure of ("his personal rate" → 个人缴费, "the interest subsidy" →
    贴息), or None (a bare "rate", "cap": no term)."""
    from qa.lexicon import expand

    # (in the sentences that ask, not the asker's story: "I just handed in my farm machinery subsidy application…")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", question.strip()) if s]
    asking = " ".join(s for s in sentences if s.rstrip().endswith("?")) or (sentences[-1] if sentences else question)
    m = FIGURE_THING_EN.search(asking)
    terms = [e.zh for e in expand(m.group(1), set()).glossary_terms if e.kind == "term"] if m else []
    return terms[0] if len(terms) == 1 else None


def asked_object(question: str) -> str | None:
    """What a "多少X" question measures when X is a compound (多少运营补贴 → 运营补贴, 多少社保补贴 → 社保补贴):
    the answer's figure must be of that, not of a neighbour (创业补贴); or the compound a "有没有X" question asks
    about (有没有实习补贴 → 实习补贴). None for 多少钱, 是多少."""
    import jieba.posseg as pseg

    words = list(pseg.cut(question))
    for i, (word, _) in enumerate(words):
        if word in ("有没有", "有无"):  # 有没有实习补贴: whether there is one — a named thing (实习/v 补贴/n, 住房补贴/n)
            taken = list(itertools.takewhile(lambda w: w.flag.startswith(OBJECT_FLAGS + ("v",)), words[i + 1:]))
            while taken and not taken[-1].flag.startswith("n"):
                taken.pop()
            named = "".join(w.word for w in taken)
            if len(named) >= 3 and (len(taken) >= 2 or len(named) >= 4):
                return named
            continue
        if word not in ("多少", "几"):
            continue
        taken = []
        following = words[i + 1:]
        if following and following[0].word in MEASURE_WORDS:
            following = following[1:]  # 多少项改革举措: 项 counts, it is no part of what is counted
        for next_word, flag in following:
            if not flag.startswith(OBJECT_FLAGS):
                break
            taken.append(next_word)
        if len(taken) >= 2 and len("".join(taken)) >= 3:
            return "".join(taken)
    return None


def names_other_body(sentence: str, question: str) -> bool:
    """The sentence names a body the question does not: "who reviews it?" is not answered by the body the
    question names as doing something else (试点城市政府 in "试点城市政府什么时候印发")."""
    return any(m.group(0) not in question and not any(m.group(0).endswith(q) for q in STATED["org"].findall(question))
               for m in STATED["org"].finditer(sentence))


# A short quoted name (“四个全面”, “五位一体”, “633”人才工程): its numbers name it, they state no figure — unless it is
# a pledge of how fast something is done (“一天办结、一网通办”, “3个工作日内办结”): that time is a figure.
TIME_PLEDGE = r"(?:\d+|[一二两三四五六七八九十半]+)\s*个?(?:工作日|天|日|小时|分钟)内?(?:办结|办完|完成|审结|到账|出证|办妥)"
QUOTED_NAME = re.compile(rf"[“「『](?![^”」』]*?{TIME_PLEDGE})[^”」』]{{1,8}}[”」』]")


def stated_kinds(sentence: str) -> set[str]:
    sentence = QUOTED_NAME.sub("", sentence)
    return {kind for kind, pattern in STATED.items() if _states(sentence, kind, pattern)}


def states_only_ages(sentence: str) -> bool:
    """Every span of time the sentence states is an age (40周岁以下博士): no term, period or length of service."""
    spans = [m.group(0) for m in STATED["duration"].finditer(QUOTED_NAME.sub("", sentence))]
    return bool(spans) and all(span.endswith("岁") for span in spans)


def pays_nothing(sentence: str) -> bool:
    """The sentence states no sum but that nothing is paid (不再奖励, 不缴费)."""
    return bool(re.search(NOTHING_PAID, sentence)) and not re.search(SUM, sentence)


def states_any(sentence: str, kinds: set[str]) -> bool:
    sentence = QUOTED_NAME.sub("", sentence)
    return any(_states(sentence, k, STATED[k]) for k in kinds if k in STATED)


def _states(sentence: str, kind: str, pattern: re.Pattern) -> bool:
    """A sum counts only when given or paid: "除…10万元以下小额消费贷款以外" bounds a condition (states_money)."""
    return bool(pattern.search(sentence)) and (kind != "money" or states_money(sentence))


# --- which side of a number: "不到100万" against "超过100万" ------------------------------------------

# Words before a number saying the amount is below or above it, compound negations first (不超过 is below,
# 不少于 above); words after it (以下, 以上). Checked nearest the number.
COMPARISON_BEFORE = [
    ("more", re.compile(r"(?:不少于|不低于|不小于|大于等于|大于或等于|at least|no less than|not less than)\s*$", re.I)),
    ("less", re.compile(r"(?:不超过|不高于|不大于|未超过|不到|不足|未满|少于|低于|小于|less than|fewer than|under|below|"
                        r"up to|no more than|at most|not exceeding)\s*$", re.I)),
    ("more", re.compile(r"(?:超过|多于|高于|大于|满|达到|逾|more than|over|above|exceeding)\s*$", re.I)),
]
COMPARISON_AFTER = [("less", re.compile(r"^[^\d，。；,;]{0,4}?(?:及以下|以下|以内|之内)")),
                    ("more", re.compile(r"^[^\d，。；,;]{0,4}?(?:及以上|以上)"))]


# An age (or span) the person reaches at a time the question says: "明年正好满45岁", "下个月就满35周岁了", "今年刚满60".
REACHED = re.compile(r"(?:今年|明年|后年|下个?月|年底|年初|马上|快要?|就要|刚刚?|正好|刚好|已经|到时候?)\s*(?:就|正好|刚好|刚)?\s*满了?\s*$"
                     # the asker's own count or span filled: "要是我招满5个员工", "我们店干满3年了" (a rule writes no 我)
                     r"|(?:我|我们|咱们?|本人)[^，,。；;？?\d]{0,4}?(?:招|雇|请|聘|带|干|做|工作|经营|运营|开)了?满了?\s*$")


def comparisons(text: str) -> dict[str, str]:
    """The numbers of a text said to be bounds, and which side the text is on: {"100": "less"} for
    "市辖区户籍人口不超过100万的城市" or "不到100万", {"35": "more"} for "满35周岁"."""
    found: dict[str, str] = {}
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        before, after = text[max(0, m.start() - 12): m.start()], text[m.end(): m.end() + 8]
        if REACHED.search(before[-10:]):
            continue  # "明年正好满45岁": the age a person reaches, no bound
        side = next((s for s, p in COMPARISON_BEFORE if p.search(before)), None) \
            or next((s for s, p in COMPARISON_AFTER if p.search(after)), None)
        if side and found.get(m.group(0), side) == side:
            found[m.group(0)] = side
        elif side:
            found[m.group(0)] = "both"  # 满35周岁至未满45周岁 … 35 on both sides: says nothing
    return found


# Asking for the least figure: "Is there a minimum contract value…?", "最低要投多少", "门槛是多少".
MINIMUM_ASKED = re.compile(r"\bminimum\b|\bat least\b|\blowest\b|\bsmallest\b|\bfloor\b|最低|至少|起码|起点|门槛|下限", re.I)
UPPER_BOUND = re.compile(r"最高|最多|上限|封顶|不超过|不高于|不大于|以内|以下|up to|at most|no more than|maximum", re.I)
# A ceiling asked for ("Is there a yearly cap per project?", "封顶多少", "最多能拿多少"), and a sum a sentence bounds from
# above (单个项目年度奖励金额不超过5000万元, 最高30万元): that sentence states the ceiling, not a share or a schedule.
CAP_ASKED = re.compile(r"\bcaps?\b|\bceiling\b|\bupper limit\b|\bmaximum\b|\bthe most\b|\bat most\b|上限|封顶|最多|最高", re.I)
CAPPED_SUM = re.compile(r"(?:最高|最多|上限|封顶|不超过|不高于|不得超过|限额)[^，,。；;：:]{0,16}?" + SUM)
# The longest a span may run ("最长能贷几年？", "How long at most?") and a sentence bounding one (期限最长不超过3年) —
# not a span that names a thing ("1年期贷款市场报价利率")
LONGEST_ASKED = re.compile(r"最长|最多(?:能|可以)?[\u4e00-\u9fff]?(?:几|多少)(?:年|个月|天)|\blongest\b|\bat most\b|\bmaximum (?:term|period|duration)\b", re.I)
CAPPED_SPAN = re.compile(r"(?:最长|不超过|不得超过|最多)[^，,。；;：:]{0,10}?" + NUMERAL + r"\s*(?:年|个月|天|日)(?!期)")


def asks_cap(part_text: str) -> bool:
    """The part asks a ceiling on a sum — not a ceiling on a share ("补贴额测算比例上限是多少")."""
    return bool(CAP_ASKED.search(part_text)) and not any(ASKED[lang]["percent"].search(part_text) for lang in ("zh", "en"))


# Where to send it, by medium: what a question asking it names → what a sentence giving it holds. "材料发到哪个邮箱？"
# wants the mailbox (jafgw_cyk@126.com), not the link to the form beside it. (寄, "send", names no medium: "资料寄到哪里？"
# is answered by a mailbox too.)
ADDRESS_MEDIA = [
    (re.compile(r"邮箱|电子邮件|\be-?mail", re.I), re.compile(r"[\w.-]+@[\w-]+\.[\w.]+")),
    (re.compile(r"网址|网站|链接|网上|线上|\bwebsite\b|\bonline\b|\blink\b|\bportal\b", re.I), re.compile(r"https?://|www\.|网址|网站|平台")),
]


def gives_address_asked(part_text: str, sentence: str) -> bool:
    """The sentence gives where to send it by the medium the part names (a mailbox for 邮箱, a link for 网址), or by
    any, when the part names none ("材料交到哪里？")."""
    named = [given for asked, given in ADDRESS_MEDIA if asked.search(part_text)]
    return any(given.search(sentence) for given in named) if named else states_any(sentence, {"address"})


def bounds_only_above(sentence: str) -> bool:
    """Every bound the sentence sets is an upper one ("给予不超过20%的支持。单个项目支持金额最高不超过200万元"): it
    says nothing of a least figure."""
    sides = set(comparisons(sentence).values())
    return bool(UPPER_BOUND.search(sentence)) and not sides - {"less"}


SPENT = re.compile(r"(?:花了|花费了?|投入了?|投了|支出了?|付了|交了|用了|spent|paid|cost (?:us|me|them)|invested)\s*(?:about|around|大概|大约|约)?\s*"
                   r"(?:RMB|CNY|¥|￥)?\s*(\d+(?:\.\d+)?)", re.I)  # a sum the asker spent ("一年买算力花了300万"): their case, no figure of a document
GRADED_NUMBER = re.compile(r"(?<![\d.])(\d+)\s*(级|档|类|星)")  # 2级, 第3档: a grade, matched with its unit
# …and in English, the grade word before the number ("assessed at level 2", "tier 3", "a 4-star hotel" after it)
GRADED_NUMBER_EN = re.compile(r"\b(level|grade|tier|band|class)\s+(\d+)\b|\b(\d+)[- ](star)\b", re.I)
GRADE_UNITS_EN = {"level": "级", "grade": "级", "tier": "档", "band": "档", "class": "类", "star": "星"}


def graded_numbers(text: str) -> dict[str, str]:
    """The numbers a question gives as grades, each with the unit documents write it in: "2级" and "level 2" → {"2": "级"}."""
    graded = {m.group(1): m.group(2) for m in GRADED_NUMBER.finditer(text)}
    for m in GRADED_NUMBER_EN.finditer(text):
        number, word = (m.group(2), m.group(1)) if m.group(2) else (m.group(3), m.group(4))
        graded.setdefault(number, GRADE_UNITS_EN[word.lower()])
    return graded


# A figure the asker states of their own case: an age (我今年40岁), or a count or span said of themselves
# (雇了6个人, 注册已经4年了). Not a year (2020年) and not "一年" of "一家企业一年最多…".
OWN_NUMBER = r"\d+(?:\.\d+)?|[一二两三四五六七八九十]+"  # a number the asker writes of their case (40, 四)
OWN_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:公里|千米|km\b|kilomet(?:re|er)s?\b)", re.I)  # 40公里, 40 km
# People counted in the asker's case, whatever the noun: "5个人", "8名", "招满5个员工", "请了6个店员" (all 人)
PERSON_NOUNS = ("员工", "工人", "职工", "雇员", "店员", "伙计")
PERSONS = rf"(?:个|名|位)?(?:{'|'.join(PERSON_NOUNS)})|个人|人|名"
OWN_VALUE = re.compile(rf"({OWN_NUMBER})\s*(周岁|岁|{PERSONS}|年)(了)?")  # 8个工人: 8人
# An age said without its unit: "我今年38了", "我都52啦", "我今年33，…" (a two-digit number the asker is, closed by
# 了 — or by the clause, after 我 or 今年), and in
# English: "I'm 40", "I am 58", "a 35-year-old founder", "aged 45".
NOT_AN_AGE_AFTER = r"(?!\s*(?:%|percent|yuan|km|kilomet|people|persons|staff|employees|workers|firms|companies|days|months|hours|times|mu\b))"
OWN_AGE_BARE = re.compile(r"(?:(?<=我)|(?<=今年)|(?<=已经)|(?<=我都))\s*(\d{2})(?=\s*(?:了|啦))"
                          r"|(?:(?<=我)|(?<=我今年)|(?<=本人今年))\s*(\d{2})(?=\s*(?:[，,；;。]|$))"  # "我今年33，在公司上班"
                          r"|(?:我|本人)[^？?。\d]{0,12}?[，,]\s*今年\s*(\d{2})(?=\s*(?:[，,；;。]|$))"  # "我女的，今年52，…"
                          rf"|{RELATIVE_ZH}(?:今年|都|已经|才|刚)?满?\s*(\d{{2}})(?=\s*(?:了|啦|[，,；;。])|\s|$)"  # "我老公59了，…", "我妈今年63，…", "同事刚满38，"
                          r"|\b(?:i'?m|i am|i’m|aged)\s+(\d{2})\b" + NOT_AN_AGE_AFTER + r"|\b(\d{2})[- ]years?[- ]old\b"
                          r"|\b(?:me|myself)\s*[?,:;!—–-]+\s*(\d{2})\b" + NOT_AN_AGE_AFTER +  # "and me? 38, still working"
                          r"|\b(?:turns?|turned|turning|reach(?:es|ed)?|at (?:the )?age(?: of)?|(?:he|she|who)(?:'s|’s|\s+is)"
                          rf"|(?:{AGE_HOLDERS_EN})(?:'s|’s|\s+is))\s+(\d{{2}})\b"
                          + NOT_AN_AGE_AFTER, re.I)
# ("once I turn 40", "when she reaches 58", "at age 45", "He's 58", "My wife is 56", "my colleague who's 29": an age the
# asker poses, theirs or another person's)
# A headcount the asker states or poses in English: "What if I hire 5 people?", "we employ 12 staff", "there are 12
# of us", "with 6 employees" (the documents bound such counts in 人: 带动就业5人及以上).
# English number words for the counts an asker gives of their case ("if I take on five employees")
NUMBER_WORDS_EN = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                               "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORD_EN = "|".join(sorted(NUMBER_WORDS_EN, key=len, reverse=True))
OWN_COUNT_EN = re.compile(r"\b(?:hire[sd]?|hiring|employ(?:s|ed|ing)?|recruit(?:s|ed|ing)?|(?:take[sn]?|took|taking|bring(?:s|ing)?|brought)"
                          r"\s+on|(?:give|gave|given|giving|create[sd]?|creating) jobs (?:to|for)|have|has|had|with|of)\s+"
                          rf"(\d+|{NUMBER_WORD_EN})\s+(?:new\s+|more\s+|full-time\s+|local\s+)?(?:people|persons|staff|employees|workers|"
                          r"hires|team members|members)\b(?!\s*(?:or more|or fewer|or less|and above|and over|and more|\+))"
                          r"|\bthere (?:are|were) (\d+) of us\b|\b(\d+) of us\b", re.I)
# A span of time the asker states of their case in English: "I graduated three years ago", "registered 18 months
# ago", "we've been running for two years" (the documents bound such spans: 离校2年内, 运营1年以上).
OWN_SPAN_EN = re.compile(rf"\b(\d+|{NUMBER_WORD_EN}|a|an)\s+(years?|months?)\s+ago\b"
                         rf"|\b(?:been|running|operating|open|registered|working|worked|lived|living)\s+(?:\w+\s+)?for\s+"
                         rf"(?:over\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+)?(\d+|{NUMBER_WORD_EN}|a|an)\s+(years?|months?)\b", re.I)
# whose count it is: the asker's, or the person they ask for ("she plans to hire six people")
FIRST_PERSON_EN = re.compile(r"\b(?:i|we|my|our|us|i'm|we're|i’m|we’re|she|he|they|her|his|their|she's|he's|they're)\b", re.I)
SENTENCE_START = re.compile(r"[.?!;。？！；]")
RANGE_START = re.compile(r"\s*(?:到|至|-|~|～|—)\s*\d")  # "35岁至45岁": 35 starts one
RANGE_END = re.compile(r"\d+\s*(?:岁|周岁)?\s*(?:到|至|-|~|～|—)\s*$")  # "35到45岁": 45 ends a range
OWN_UNIT = {"周岁": "岁", "个人": "人", "名": "人", "千米": "公里", **{f"{n}{w}": "人" for n in ("", "个", "名", "位") for w in PERSON_NOUNS}}  # one name for each unit an own value and a bound may share


def _number(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    import cn2an
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


# Words posing a case ("如果带动6个人就业", "要是雇了8个人", "40岁的话"): a figure in such a clause is the asker's.
HYPOTHETICAL = "要是|如果|假如|若是|倘若"
CASE_CLAUSE_END = re.compile(r"[，,。；;？?！!]")
# Asking whether a case counts as a thing ("这样还算港澳青年企业吗？", "算不算小微企业"): asked of its definition
# (qa.analysis's define intent, qa.chain.COUNTS_AS), a question of its own (qa.conversation.ASKS_ITS_OWN).
COUNTS_AS_ZH = r"还算|算不算|能算(?!\s*(?:多少|几))|还属于|属不属于|是否属于|(?<=[我他她它这])(?:算|属于)(?![了过一下])"
# Asking yes or no with a verb doubled ("能不能一人扣一半？", "年中改成我一个人扣，行不行"): a question of its own
# (qa.conversation.ASKS_ITS_OWN) asking whether (qa.analysis.YES_NO).
WHETHER_ZH = r"能不能|可不可以|行不行|成不成"
# Asking whether the asker qualifies ("还能申请吗", "可以享受吗"): the rule that leaves them out is the answer.
ELIGIBLE_VERB = (r"(?:能|可以|能不能|可不可以|能否|可否|是否可以|有没有资格)[^，,。？?！!]{0,8}?"  # 还能在广州申请
                 r"(?:申请|申报|享受|领取|领|拿|办理|贷款|贷|参加|报名|报)")  # 还能报吗
# (能贷多少, 能申请多少 ask an amount, not whether)
ASKS_ELIGIBILITY = re.compile(ELIGIBLE_VERB + r"(?!\s*(?:多少|几|多久|多长|多大))|\b(?:eligible|qualif(?:y|ied)|apply)\b"
                              r"|\b(?:over|under|above|below|past|within) the (?:age )?limit\b|\btoo (?:old|young)\b"  # "Am I over the age limit?"
                              r"|\b(?:young|old) enough\b"  # "Is she still young enough for the loan?"
                              r"|还算|算不算|(?:能|可以|能不能|可不可以|能否|是否)算(?!\s*(?:多少|几))|还属于|属不属于|是否属于"  # "他还算港澳青年吗", "能算…吗" (not "能算多少钱": an amount)
                              r"|\b(?:still )?counts? as\b"  # "Would we still count as an OPC?"
                              r"|超龄|超过年龄|年龄超|(?:年纪|岁数|年龄)太大|太老|(?:年纪|岁数|年龄)还?(?:够|符合|满足|达标)|够年龄"
                              # "年龄上会不会卡我", "岁数有没有限制", "会不会被卡": whether a limit stops the asker
                              r"|(?:年纪|岁数|年龄)上?(?:会不会|有没有|有)?(?:卡|限制)|会不会(?:被)?卡|卡不卡|被卡"
                              r"|\b(?:rule[sd]? (?:me|him|her|us|them) out|disqualif(?:y|ies|ied)|(?:my|his|her|their) age (?:a |an )?(?:problem|issue|barrier))\b", re.I)


def own_values(question: str) -> list[tuple[float, str]]:
    """(value, unit) the asker states of their own case: every age, and a count or span of years written as
    theirs (才/已经/有/了 before it, or 了 after it) or posed as a case (如果… / …的话, in its clause)."""
    return [(value, unit) for _, value, unit in _own_matches(question)]


def own_figures(question: str) -> list[str]:
    """The figures of the asker's own case as written: "50岁" of "要是50岁，这个要交多少？" (an age written without its
    unit gets it: "我今年38了" → "38岁")."""
    return [m.group(0) if m.re is OWN_VALUE else f"{int(value)}{unit}" for m, value, unit in _own_matches(question)]


def with_own_age(question: str, age: int) -> str:
    """The question with the first age the asker states of themselves replaced by `age` ("I'm 30 and work in
    Guangzhou…" → "I'm 40 and work…", "我今年30岁…" → "我今年40岁…"), or with that age added when it states none."""
    for m, _, unit in _own_matches(question):
        if unit == "岁":
            return question[: m.start()] + re.sub(r"\d{2}", str(age), m.group(0), count=1) + question[m.end():]
    return f"{question} (aged {age})"


def with_own_figure(question: str, value: float, unit: str) -> str:
    """The question for the asker's case of `value` `unit` (an age: with_own_age; a headcount: the first one it
    states replaced — "雇了3个人" → "雇了8个人", "we employ 3 staff" → "we employ 8 staff" —, or added when it states
    none: "8个人的话，…", "If we have 8 people: …", a distance or another measure "If it is 55 km: …")."""
    if unit == "岁":
        return with_own_age(question, int(value))
    for m, _, own_unit in _own_matches(question):
        if own_unit == unit:
            return question[: m.start()] + re.sub(OWN_NUMBER, f"{value:g}", m.group(0), count=1) + question[m.end():]
    if re.search(r"[\u4e00-\u9fff]", question):
        return f"{value:g}{'个' if unit == '人' else ''}{unit}的话，{question}"  # 8个人, 3年, 18个月
    if unit == "人":
        return f"If we have {value:g} people: {question}"
    from qa.english import MEASURES  # (qa.english imports this module) "And if we moved the site out to 55 km?"
    return f"If it is {value:g} {MEASURES.get(unit) or unit}: {question}"


def without_own_figures(question: str) -> str:
    """The question with the figures of the asker's own case reduced to their unit ("40岁的话" → " 岁 的话",
    "雇了8个人" → "雇了 人 "): no sentence of a document holds the asker's number (the rule's bounds do, in that
    unit), and 8个人 holds no 个人."""
    for m, _, unit in reversed(_own_matches(question)):
        question = question[: m.start()] + f" {unit} " + question[m.end():]
    return COUNTED_PEOPLE.sub("人", question)  # (nor does a count not the asker's own: "现在在职28个人")


# 28个人, 三个人, 十几个人: people counted, no 个人 (individual) — "几个人" asks how many and stays as asked
COUNTED_PEOPLE = re.compile(r"(?<=[\d两三四五六七八九十])\s*个人|(?<=[十百]几)\s*个人")


@lru_cache(maxsize=1024)  # read for every candidate sentence of a question (evidence.gather, compose_target)
def _own_matches(question: str) -> tuple[tuple[re.Match, float, str], ...]:
    out, stated_bounds = [], comparisons(question)
    for m in OWN_VALUE.finditer(question):
        if m.group(1) in stated_bounds or RANGE_END.search(question[: m.start()]) or RANGE_START.match(question[m.end():]):
            continue  # "40岁以下博士", "35到45岁": a bound or range the question names, not the asker's own age
        if question[: m.start()].endswith("第"):
            continue  # "第三年、第四年都干满了": which year, an ordinal the documents write too — no figure of theirs
        unit = OWN_UNIT.get(m.group(2), m.group(2))
        before = question[max(0, m.start() - 2): m.start()]
        clause_before = CASE_CLAUSE_END.split(question[: m.start()])[-1]
        clause_after = CASE_CLAUSE_END.split(question[m.end():])[0]
        own = unit == "岁" or m.group(3) or re.search(r"今年|已经|已|才|有|了$", before) \
            or re.search(HYPOTHETICAL, clause_before) or "的话" in clause_after
        value = _number(m.group(1))
        if own and value is not None and not (unit == "年" and value >= 1900):
            out.append((m, value, unit))
    for m in OWN_DISTANCE.finditer(question):  # "the site centre is about 40 km from the coast", "离岸40公里": where
        # the asker's project is (the documents bound such distances: 大于等于50公里, 小于50公里)
        if m.group(1) not in stated_bounds and not any(o.start() <= m.start() < o.end() for o, _, _ in out):
            out.append((m, float(m.group(1)), "公里"))
    for m in OWN_SPAN_EN.finditer(question):  # "graduated three years ago": 3年 of their case
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        value = 1 if number.lower() in ("a", "an") else NUMBER_WORDS_EN.get(number.lower(), number)
        if not any(o.start() <= m.start() < o.end() for o, _, _ in out):
            out.append((m, float(value), "年" if unit.lower().startswith("year") else "个月"))
    for pattern, unit in ((OWN_AGE_BARE, "岁"), (OWN_COUNT_EN, "人")):
        for m in pattern.finditer(question):
            number = next(g for g in m.groups() if g)
            number = NUMBER_WORDS_EN.get(number.lower(), number)
            if pattern is OWN_COUNT_EN and not FIRST_PERSON_EN.search(SENTENCE_START.split(question[: m.end()])[-1]):
                continue  # "firms that hire 10 people": not the asker's
            if not any(o.start() <= m.start() < o.end() for o, _, _ in out):
                out.append((m, float(number), unit))
    return tuple(sorted(out, key=lambda found: found[0].start()))


# Bounds that leave the number itself out: 未满45周岁 is for 44, 超过3年 for 4.
STRICT_BOUND = re.compile(r"(?:未满|不到|不足|少于|低于|小于|超过|多于|高于|大于|逾|less than|fewer than|under|below|more than|over|above|exceeding)\s*$", re.I)


def bounds(text: str) -> list[tuple[float, str, str, bool]]:
    """(number, side, unit, strict) of each bound a text states: 满35周岁 → (35, "more", "岁", False),
    未满45周岁 → (45, "less", "岁", True), 3年以内 → (3, "less", "年", False)."""
    out = []
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(周岁|岁|个人|人|名|年|公里|千米)", text):
        before, after = text[max(0, m.start() - 12): m.start()], text[m.end(): m.end() + 8]
        side = next((s for s, p in COMPARISON_BEFORE if p.search(before)), None) \
            or next((s for s, p in COMPARISON_AFTER if p.search(after)), None)
        if side:
            strict = bool(STRICT_BOUND.search(before)) and not re.search(r"(?:大于|小于)(?:或)?等于\s*$", before)
            out.append((float(m.group(1)), side, OWN_UNIT.get(m.group(2), m.group(2)), strict))
    return out


def outside_own_case(question: str, sentence: str) -> bool:
    """The sentence's rule is for a range the asker's own case falls outside: "我今年40岁" and "满45周岁至退休前…为
    0.08%" (the 35–45 rule is the asker's). Not for a question asking whether the asker qualifies: to "还能申请吗",
    the rule that excludes the asker is the answer."""
    values = own_values(question)
    if not values or ASKS_ELIGIBILITY.search(question):
        return False
    alternatives = respective(sentence)
    if len(alternatives) >= 2:  # "40周岁以下博士、35周岁以下硕士,分别给予…": one rule each — outside only if outside all
        return all(_outside(values, condition) for condition, _ in alternatives)
    return _outside(values, sentence)


def _outside(values: list[tuple[float, str]], text: str) -> bool:
    """Some bound the text states (all of which hold together: 满35周岁至未满45周岁) leaves one of the values out."""
    return any(unit == u and (side == "more" and (value < bound or strict and value == bound)
                              or side == "less" and (value > bound or strict and value == bound))
               for value, unit in values for bound, side, u, strict in bounds(text))


def within_own_case(question: str, sentence: str) -> bool:
    """The sentence's rule is bounded to a range the asker's own case falls in: "雇了8个人" and "带动就业5人及以上
    的，贷款额度最高60万元" — the rule for the asker's case, over the general one beside it; or the case is past an
    event (我爸退休了) and the rule is for those past it ("退休人员为0.12%", not "退休延缴人员" nor "退休前")."""
    values = own_values(question)
    stated = bounds(sentence) if values else []
    if bool(stated) and any(unit == u for value, unit in values for _, _, u, _ in stated) \
            and not outside_own_case(question, sentence):
        return True
    return any(pattern.search(sentence) for pattern in _past_the_events(question))


@lru_cache(maxsize=1024)  # read for every candidate sentence of a question (evidence.gather)
def own_city_words(question: str) -> tuple[str, ...]:
    """The words (ingest.places.CITY_CLASS_WORDS) for the classes of city of the cities the question names: 省会,
    首府, 省会城市 for 杭州 (a capital)."""
    return tuple(word for place in find_places(question) for cls in sorted(place.city_classes())
                 for word in CITY_CLASS_WORDS[cls])


def of_own_city_class(question: str, sentence: str) -> bool:
    """The sentence's rule is for a class of city (直辖市, 省会, 计划单列市) that a city the question names is:
    "我在杭州上班…房租能扣多少" and "直辖市、省会（首府）城市…扣除标准为每月1500元" — the figure for the asker's city."""
    return any(word in sentence for word in own_city_words(question))


# "A、B分别给予X、Y": the n-th figure is the n-th subject's.
RESPECTIVELY = re.compile(r"分别(?:给予|按照|按|为|是|奖励|补贴|补助|资助|享受)?")
LISTED_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|个月|个|家|名|人|年|天|次|套)")


def respective(sentence: str) -> list[tuple[str, str]]:
    """(subject, figure) pairs of a sentence that gives several subjects their figures respectively:
    "…40周岁以下博士、35周岁以下硕士,分别给予15万元、10万元…" → [("…40周岁以下博士", "15万元"), ("35周岁以下硕士", "10万元")]."""
    m = RESPECTIVELY.search(sentence)
    if not m:
        return []
    before = re.split(r"[，,；;。：:]", sentence[: m.start()].rstrip("，, "))[-1]
    after = sentence[m.end():]
    figures = []
    for f in LISTED_FIGURE.finditer(after):
        gap = after[figures[-1][1]: f.start()] if figures else after[: f.start()]
        if figures and not re.fullmatch(r"\s*[、和及与]\s*", gap) or not figures and len(gap) > 4:
            break
        figures.append((f.group(0), f.end()))
    subjects = [s for s in re.split(r"[、和及与]", before) if s]
    if len(figures) < 2 or len(subjects) != len(figures):
        return []
    return [(subject, figure) for subject, (figure, _) in zip(subjects, figures)]


def bounds_a_subject(sentence: str, figure_text: str) -> bool:
    """The figure says which cases a rule is for, not what it gives: "对10万元以下的创业担保贷款免除反担保", "除…、10万元
    以下小额消费贷款以外，本人…应没有其他贷款"."""
    at = sentence.find(figure_text)
    if at < 0:
        return False
    before = re.split(r"[，,；;。]", sentence[max(0, at - 12): at])[-1] + figure_text[:2]
    after = sentence[at + len(figure_text):]
    return "对" in before and bool(re.match(r"(?:及)?(?:以下|以上|以内|之内)?的", after)) \
        or "除" in re.split(r"[，,；;。]", sentence[:at])[-1] and bool(re.match(r"(?:及)?(?:以下|以上|以内|之内)?的?[\u4e00-\u9fff]", after))


def states_money(sentence: str) -> bool:
    """The sentence states a sum that is given or paid, not only sums bounding whom a rule is for (bounds_a_subject)."""
    return any(not bounds_a_subject(sentence, m.group(0)) for m in STATED["money"].finditer(sentence))


# Events a rule is before or after (退休前 / 退休以后, 毕业后 / 毕业前): a bound in time, like 满35周岁 in age.
EVENT_SIDE = re.compile(r"(退休|毕业|离校|注册|成立|入职|离职|参保|结婚|生育|出生|到期|开业|落户|入驻)(?:以后|之后|后|以前|之前|前)")


# …and events said to have happened: 已经退休的人, 已毕业 — after them.
# (and a retiree's benefit drawn: 拿的是职工医保退休待遇, 领退休金, 每月退休工资三千 — past retirement)
EVENT_PAST = re.compile(r"(?:已经|已)(退休|毕业|离校|注册|成立|入职|离职|参保|结婚|生育|到期|开业|落户|入驻)"
                        r"|(退休|毕业|离校|入职|离职|结婚|到期|开业|落户|入驻)了"
                        r"|(?:拿|领|享受|吃|靠)[^，,。；;？?！!]{0,8}?(退休)(?:待遇|金|工资)|(退休)(?:金|工资)")


# Those past an event, as a rule names them: 退休人员, 已毕业的, 毕业后.
PAST_THE_EVENT = r"{event}(?:人员|职工|者|的人|以后|之后|后)|已(?:经)?{event}"


@lru_cache(maxsize=1024)  # read for every candidate sentence of a question
def _past_the_events(question: str) -> tuple[re.Pattern, ...]:
    """How a rule names those past each event the question says happened (我爸退休了 → 退休人员, 退休后…)."""
    return tuple(re.compile(PAST_THE_EVENT.format(event=e)) for e, side in event_sides(question).items() if side == "after")


# The same events in English, as the stem of their verb: "my mum is retired", "since I graduated" (after);
# "before she retires", "not yet retired", "until retirement" (before).
# (Not "registered", "established": in English they mostly say where or when a company is, "registered in Guangzhou".)
EVENTS_EN = {"退休": r"retire", "毕业": r"graduate", "结婚": r"marr(?:y|ie)", "到期": r"expire", "离职": r"resign"}
EVENT_BEFORE_EN = {event: re.compile(rf"\b(?:before|until|till|prior to)\s+(?:\w+\s+){{0,2}}{stem}|\bpre-{stem}"
                                     rf"|(?:\bnot|n't|\bnever)\s+(?:yet\s+)?(?:been\s+)?{stem}(?:e?d)?\b|\byet to\s+{stem}", re.I)
                   for event, stem in EVENTS_EN.items()}
# (a retiree, a pensioner, "on a pension": past retirement too)
RETIRED_EN = r"|\bretirees?\b|\bpensioners?\b|\bon (?:a|her|his|their|the) pension\b|\bdraws? (?:a|her|his) pension\b"
EVENT_AFTER_EN = {event: re.compile(rf"(?<!\bnot )(?<!n't )(?<!\bnever )(?<!\bnot yet )(?<!n't yet )(?<!\bnot been )\b{stem}e?d\b|\bafter\s+(?:\w+\s+){{0,2}}{stem}"
                                    rf"|\b(?:since|once)\s+(?:\w+\s+){{0,2}}{stem}e?d\b" + (RETIRED_EN if event == "退休" else ""), re.I)
                  for event, stem in EVENTS_EN.items()}


def event_sides(text: str) -> dict[str, str]:
    """{"退休": "after"} for "等我退休以后", "已经退休的人" or "my dad is retired", {"退休": "before"} for
    "满45周岁至退休前" or "before she retires"."""
    found: dict[str, str] = {}
    sides = [(m.group(1), "after" if m.group(0).endswith("后") else "before") for m in EVENT_SIDE.finditer(text)]
    sides += [(next(g for g in m.groups() if g), "after") for m in EVENT_PAST.finditer(text)]
    if re.search(r"[A-Za-z]{3}", text):  # English words in it
        sides += [(event, "before") for event, pattern in EVENT_BEFORE_EN.items() if pattern.search(text)]
        sides += [(event, "after") for event, pattern in EVENT_AFTER_EN.items() if pattern.search(text)]
    for event, side in sides:
        found[event] = side if found.get(event, side) == side else "both"
    return found


def other_side(question: str, sentence: str) -> bool:
    """The sentence is about the other side of a bound the question names: the question asks below 100万 (不到
    100万), the sentence states the rule above it (超过100万) — the neighbouring rule, not the one asked; the
    question asks after retirement (退休以后), the sentence states the rule up to it (至退休前)."""
    bounds = {n: side for n, side in comparisons(question).items() if side != "both"}
    events = {e: side for e, side in event_sides(question).items() if side != "both"}
    if not bounds and not events:  # most questions name none: no sentence is read
        return False
    stated, stated_events = comparisons(sentence), event_sides(sentence) if events else {}
    return any(stated.get(n) not in (None, side, "both") for n, side in bounds.items()) \
        or any(stated_events.get(e) not in (None, side, "both") for e, side in events.items())
