"""Question analysis: language, intent, named units, named places.

Intents:
    who        who leads / who is responsible for a task
    aggregate  which tasks a unit owns (over the whole knowledge base)
    target     how many / how much / what target
    when       when / deadline
    define     what a term means (OPC指的是什么)
    document   facts of the document itself: 文号, issuer, issue date, when it takes effect, how long it is valid
    eligibility  who may apply, on what conditions (谁可以申请, 申报条件, who is eligible)
    list       what something consists of (六大行动计划分别是什么)
    measures   what measures or support
    other      the rest
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.places import Place
from qa.figures import COUNTS_AS_ZH, WHETHER_ZH, without_relative_who

CJK = re.compile(r"[\u4e00-\u9fff]")

# "哪几个部门负责": asks which bodies, not how many
WHICH_BODIES = re.compile(r"哪几个?(?:部门|单位|机构|局)")

INTENT_PATTERNS = {
    "zh": [
        ("eligibility", re.compile(r"谁(?:可以|能|有资格|能够)(?:申请|申报|享受|领取)|哪些.{0,8}(?:可以|能|有资格)(?:申请|申报|享受)|"
                                   r"(?:申请|申报|享受).{0,4}(?:条件|资格|对象)|符合什么条件|什么条件")),
        ("document", re.compile(r"文号|发文字号|(哪天|哪一天|何时|什么时候|哪年|几月)(印发|发布|出台|施行|生效|实施的|开始实施)|"
                                r"(印发|发布|发文|成文)(日期|时间)|(施行|生效)(日期|时间)?|有效期|哪个(部门|单位|机关)(印发|发布|出台|制定)|(由|是)?谁(印发|发布|出台|制定)的[？?]?$|"
                                r"(印发|发文|出台)(单位|部门|机关)|发布(单位|机关)")),
        ("aggregate", re.compile(r"(负责|牵头|承担|参与|涉及).{0,20}?(哪些|哪几项|几项|多少项)(任务|工作|事项|条款|措施|项目)|哪些(任务|工作|条款|措施)(由|是|归)|列出.*(任务|条款)|有哪些任务")),
        ("who", re.compile(r"哪[几些个]?个?地方.{0,4}(?:负责|落实|牵头|主管)|谁|(?:牵头|配合|责任|参与|协办|主管|负责|指导)的?(?:单位|部门)(?:有哪些|是哪|都有|呢)|哪个(部门|单位|机构|局)|" + WHICH_BODIES.pattern + r"|(配合|参与|协办)的?(还有|有|是)(哪些|谁|哪几)|哪些(部门|单位|机构)|什么(部门|单位|机构)|哪家|牵头(单位|部门)?是|由.{0,12}负责|责任(单位|部门)|负责(部门|单位)|主管|(的|是)牵头")),
        ("list", re.compile(r"分别是什么|分别是哪些|分别有哪些|由哪些.{0,8}组成|有哪几[个类项种]|具体是哪些")),
        ("define", re.compile(r"指的是什么|是什么意思|是指什么|指什么|什么是|的定义|的含义|含义是|(什么样|怎样|怎么样|哪些|哪种)的?.{0,8}才(算|属于)|"
                               rf"(?:{COUNTS_AS_ZH})[^，,。？?]{{2,10}}(?:吗|呢|[？?]|$)")),  # "这样还算港澳青年企业吗？": what makes one
        ("when", re.compile(r"何时|什么时候|啥时候?|哪一?年|截止|期限|有效期|施行|起止|时间节点|几月|日期|之前完成|哪天")),
        ("target", re.compile(r"多少|多久|多长时间|几[个家项名套场天年次倍]|目标|比例|比重|额度|上限|最高|最多|最低|不少于|规模|数量|金额|增长|百分")),
        ("measures", re.compile(r"措施|举措|政策|支持|扶持|补贴|补助|资助|做法|怎么|如何|哪些|什么|啥|优惠|奖励|服务")),
    ],
    "en": [
        ("eligibility", re.compile(r"\bwho (?:can|may|is eligible to) (?:apply|claim|get|qualify)|\beligib|\bqualif|"
                                   r"\bwhat (?:are the )?(?:conditions|requirements|criteria)\b", re.I)),
        ("document", re.compile(r"document number|\bissue date\b|\b(take|took|takes|come|came) (effect|into force)|\bvalid (for|until)\b|"
                                r"\bvalidity\b|\bissued\b.{0,40}\b(when|date|on)\b|\b(when|date)\b.{0,60}\bissued\b|"
                                r"\bwhich\b.{0,40}\b(issued|published)\b|"
                                r"\b(which|who)\b.{0,40}\b(issued|published|released|put (?:\w+ )?out)\b(?:\s+(?:it|(?:this|that|the) \w+))?\s*\??$", re.I)),
        ("aggregate", re.compile(r"\b(which|what|list)\b.{0,40}\b(tasks|clauses|items|measures|projects|responsibilities|work)\b.*\b(responsible|involve|lead|led|own|assigned|name|list|part|participate)|\blist (all|the|every)\b.*\b(tasks|clauses)|\btasks? (does|is|are)\b.*\b(responsible|involved|lead)|\bhow many (tasks|clauses)\b", re.I)),
        ("who", re.compile(r"\bwho\b|\b(?:supporting|cooperating|co-?operating|assisting|partner(?:ing)?|co-?responsible|other responsible)\s+(?:ones|units|departments|bodies|agencies|bureaus|offices|organi[sz]ations)\b|\bwhich\b(\s+[\w'’-]+){0,3}?\s+(department|unit|bureau|agency|body|office|organi[sz]ation|authority|government|commission)s?\b|\bwhat (department|unit|bureau|agency|body|office)s?\b|\bresponsible\b|\bin charge\b|\bleads?\b|\bin the lead\b|\btasked\b|\bcoordinat", re.I)),
        ("when", re.compile(r"\bwhen\b|\bdeadline\b|\bby what (date|time|year)\b|\bwhat (date|year|time|period)\b|\buntil\b|\beffective\b|\bexpire|\bvalid\b", re.I)),
        ("list", re.compile(r"\b(make up|makes up|consists? of|composed of|comprises?)\b|\bwhat are the (two|three|four|five|six|seven|eight|nine|ten)\b|\bwhich specific\b", re.I)),
        ("define", re.compile(r"\bwhat (does|do) .{1,40} (mean|stand for)\b|\bdefinition of\b|\bwhat is meant by\b"
                               r"|\bcounts? as (?:an? |the )?\w", re.I)),  # "Would he still count as a Hong Kong youth?"
        ("target", re.compile(r"\bhow (many|much|long|big|large|quickly|soon|fast)\b|\bin total\b|\btarget|\bgoal|\bpercent|\bratio|\brate\b|\bamount|\bmaximum|\bminimum|\bcap\b|\bceiling|\bsize\b|\bvolume|\bnumber of\b|\bat least\b|\bup to\b|\bgrowth|\bincrease|"
                              r"\bat most\b|\bthe most\b(?=\s+(?:we|i|you|one|a|an|they|it|that|each|per|any)\b)", re.I)),
        ("measures", re.compile(r"\bmeasures?\b|\bsupport|\bsubsid|\bpolic(y|ies)\b|\bwhat (does|do|will|can|should)\b|\bhow (does|do|will|can)\b|\bincentive|\bgrant|\bbenefit|\bservices?\b|\bsteps?\b|\bactions?\b|\bwhat\b|\bwhich\b", re.I)),
    ],
}

@dataclass
class Analysis:
    language: str
    intent: str
    units: list[str] = field(default_factory=list)  # Chinese unit names the question mentions
    places: list[Place] = field(default_factory=list)  # places the question names (ingest.places)
    terms: list[str] = field(default_factory=list)  # Chinese terms from the English glossary
    also_target: bool = False  # a "who" question that also asks how many / how much


# English words that only an English sentence's frame uses (a Chinese question may hold AI, OPC, API, not these)
ENGLISH_FRAME = re.compile(r"\b(?:the|a|an|is|are|was|were|do|does|did|can|could|what|how|who|whom|when|where|which|"
                           r"i|we|you|my|our|to|for|of|at|about|this|that|in|on|with|and|or|if)\b", re.I)
ENGLISH_FRAME_WORDS = 2  # this many frame words make a question English, however many Chinese names it quotes


def detect_language(text: str) -> str:
    """zh or en: the language of the question's frame — "Who do I call at the 市公共就业和人才服务中心 about this?" is
    English, "我在光谷开了家AI公司" Chinese."""
    cjk = len(CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cjk and len(ENGLISH_FRAME.findall(text)) >= ENGLISH_FRAME_WORDS:
        return "en"
    return "zh" if cjk and cjk * 3 >= latin else "en"


STRONG_WHEN = re.compile(r"截止|\bdeadline\b|\bby what (date|time)\b|\bby when\b", re.I)


def detect_intent(text: str, language: str, names_unit: bool) -> str:
    if language == "en":
        text = without_relative_who(text)  # "…for a PhD who buys his first home, how much?" asks no body
    if STRONG_WHEN.search(text):
        return "when"  # "by what deadline must project lead units…" asks when, not who
    for intent, pattern in INTENT_PATTERNS[language]:
        if pattern.search(text):
            if intent == "aggregate" and not names_unit:
                continue  # "which tasks…" needs a unit to aggregate over
            return intent
    return "other"


def find_units(text: str, known_units: list[str], english: dict[str, list[str]]) -> list[str]:
    """Known unit names in the question: Chinese as written, or an English name from the glossary."""
    found = [u for u in sorted(known_units, key=len, reverse=True) if u in text]
    found = [u for u in found if not any(u != other and u in other for other in found)]
    lower = " " + " ".join(re.findall(r"[a-z0-9'&+-]+", text.lower())) + " "
    for zh, phrases in english.items():
        if zh not in found and any(f" {p} " in lower for p in phrases):
            found.append(zh)
    known = set(known_units)
    found = [u for u in found if not any(u != other and u in other for other in found)]
    return sorted(found, key=lambda u: u not in known)  # names the documents use first


# The asker naming themselves ("我们公司去国外参展的费用…", "本企业", "我司"): 公司 there is who asks, no subject —
# as a keyword it would find 境外子公司.
ASKER_REFERENCE = re.compile(r"(?:我们|咱们|我|咱|本)(?:的)?(?:公司|企业|单位|机构|店|厂|团队)|我司"
                             r"|(?<![\u4e00-\u9fff])(?:店|厂|公司|单位|团队)里")  # "店里现在雇了6个人": the asker's own shop

# A question asking whether (…还能扣吗？, 是否…, "Can I still…?"): it asks no figure, whatever the turn before asked.
YES_NO = re.compile(r"吗[？?]?$|是否|" + WHETHER_ZH + r"|有没有|(?:可以|行)不[？?]?$|^(?:can|could|do|does|did|is|are|am|may|will|would|should)\b", re.I)


def asks_whether(text: str) -> bool:
    """The text's (last) question asks whether: "…要交钱吗？", "My husband works there too. Can we both claim it?"."""
    questions = [q for q in re.split(r"(?<=[.!?。！？])\s*", text.strip()) if q.strip()]
    return bool(questions) and bool(YES_NO.search(questions[-1].strip(" ？?")))

# The words documents use for what an intent asks: "谁可以申请" is answered under 申报对象 / 申请条件.
INTENT_VOCABULARY = {"eligibility": ["对象", "条件", "申请条件"], "document": ["施行", "有效期"]}

INTENT_TARGET = {language: dict(patterns)["target"] for language, patterns in INTENT_PATTERNS.items()}
# "电话多少" asks for a number to call, not for a figure of the policy.
# "谁出钱", "由谁发放", "who pays": asks who pays out, which a sentence may say itself (由商品房所在区…给予…补贴)
PAYER_ASKED = re.compile(r"谁(?:来)?(?:出钱|出资|支付|发放|兑付|承担|给钱|掏钱|付)|由谁(?:来)?(?:出|支付|发放|兑付|承担|给)|"
                         r"(?:钱|费用?|补贴|补助|奖励|奖金|资金)(?:是|都是|又是)?(?:由)?谁(?:来)?(?:出|付|掏|承担|发|给)|"  # "那次评估的钱谁出？", "这笔钱是谁来发？"
                         r"哪(?:个|些|一)?(?:部门|单位|级|区|方)?(?:财政)?(?:出钱|出资|支付|发放|兑付|承担)|"
                         r"\bwho\b.{0,20}\b(?:pays?|funds?|gives?|covers?|bears?|hands? out|foots?)\b|\b(?:paid|funded|covered) by\b", re.I)
PHONE_ASKED = re.compile(r"(?:电话|联系方式|热线|号码)[^，,。？?]{0,4}(?:多少|几)|\bphone number\b|\bhow (?:do|can) i (?:call|reach)\b", re.I)


def asks_figure(question: str, language: str) -> bool:
    """The question asks how much / how many (a phone number asked for does not count)."""
    return bool(INTENT_TARGET[language].search(WHICH_BODIES.sub(" ", PHONE_ASKED.sub(" ", question))))


# "持什么证", "提交哪些材料": the noun after 什么/哪些 is the thing asked for, and an answer must name one.
# Words that ask for a kind of answer (时候, 部门, 条件: handled as intents and figure kinds) or for anything
# at all (政策, 措施, 内容) are no such noun.
ASKING_PRONOUN = ("什么", "啥", "哪些", "哪种", "哪类", "何种", "哪几种", "哪几类")
OPEN_NOUNS = set("""时候 时间 日期 意思 说法 讲究 规矩 安排 部门 单位 机构 机关 条件 资格 政策 措施 举措 支持 扶持 内容 情况 规定 方面 东西 事项 作用
    区别 方式 办法 做法 要求 服务 帮助 好处 优惠 待遇 奖励 激励 鼓励 保障 帮扶 补贴 标准 程序 流程 手续 途径 渠道 样 人 企业 类型 种类 类别 形式
    文件 项目 工作 任务 活动 领域 环节 问题
    比例 比率 金额 额度 数额 数量 幅度 程度 力度 期限 年限 时长 利率 费率 税率 上限 下限 规模 地点 地址 电话 号码 指标 目标""".split())
# (the last row: nouns asking for a figure or a contact — "按什么比例贴息" is answered by 50%, the kinds of qa.figures)


def asked_noun(question: str) -> str | None:
    """The head noun of what a Chinese question asks for after 什么/哪些 ("持什么证" → 证, "需要哪些基础材料" → 材料),
    unless it asks for a kind of answer or for anything at all (OPEN_NOUNS)."""
    import jieba.posseg as pseg

    words = [(w.word, w.flag) for w in pseg.cut(question)]
    for i, (word, _) in enumerate(words):
        if word not in ASKING_PRONOUN:
            continue
        phrase = []
        for next_word, flag in words[i + 1:]:
            if not flag.startswith(("n", "vn")) or flag.startswith("nr"):
                break
            phrase.append(next_word)
        rest = words[i + 1:i + 3]
        if not phrase and rest and rest[0][1] == "v" and len(rest[0][0]) >= 2 and (len(rest) == 1 or rest[1][1] == "x"):
            phrase = [rest[0][0]]  # "会有什么处罚？": a verb ending the question after 什么 is used as a noun
        if not phrase and all(flag == "x" for _, flag in words[i + 1:]):  # the pronoun closes the question: the noun
            # fronted before it ("基础材料要准备哪些", "材料有哪些"), past the verbs asking for it
            j = i - 1
            while j >= 0 and (words[j][1].startswith(("v", "d")) or words[j][0] in FRONTED_VERBS):
                j -= 1
            if j >= 0 and words[j][1].startswith("n") and not words[j][1].startswith("nr"):
                phrase = [words[j][0]]
        if phrase and not (phrase[0] in OPEN_NOUNS or any(phrase[-1].endswith(w) for w in OPEN_NOUNS)):
            return phrase[-1]  # 哪些部门管 asks for 部门; 具体措施 is 措施
    return None


FRONTED_VERBS = ("要", "需要", "准备", "提交", "提供", "交", "有", "包括", "应", "须", "得")

