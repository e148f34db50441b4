"""Conversations: what an earlier answer was about, and how a new turn resolves against it.

Every answer carries its `About`: the question as it was understood, the documents and clauses it cited,
its intent and places. A new turn is resolved against the last answer's About, explicitly:

    standalone   names its own subject and reads as a full question   → starts fresh, whatever its length
                 (or says it changes the topic: "Separate question: …", "换个话题，…" → asked cold, no earlier ground)
    document     a full question pointing back ("里面的算力券是哪个部门牵头？") → asked as is, on the earlier documents
    new subject  "那高新技术企业呢？" after "科技型中小企业的目标是多少家？"
                 → the earlier question with its subject replaced: "高新技术企业的目标是多少家？",
                   on the earlier answer's documents
    continues    names nothing of its own: "每个月能领多少？", "那配合单位呢？", "Who else helps?"
                 → the earlier subject, document and clauses kept; the new turn says what is asked now
    new place    "杭州呢？" → the earlier question, about the new place (its documents, not the earlier ones)
    case         "40岁的话", "如果带动6个人就业呢": the turn poses the asker's case and asks nothing else
                 → the earlier question for that case (its own figure of that unit replaced), on its documents

The resolution is one line of the trace ("follow-up of turn 2: kept document …, replaced subject 科技型中小企业
with 高新技术企业"), so `ask --explain` shows how a turn was read.

History comes in two shapes, both accepted everywhere (library, CLI `--history`, HTTP `history`):
earlier questions ({"question": …}), or earlier answer objects as returned (with their "about"), so a client
need not resend anything to keep the state. Without an "about", the earlier question is asked again to get it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from qa.figures import COUNTS_AS_ZH, ELIGIBLE_VERB, WHETHER_ZH, HYPOTHETICAL, OWN_NUMBER, PERSONS, bounds, comparisons, event_sides, own_values
from ingest.people import RELATIVE_ZH
from qa.lexicon import are_alternatives

# Words opening a turn that goes on from the one before, and those posing another case on the same ground.
OPENERS = "那么|那|还有|另外"
# Words of an English turn supposing another case, no matter of it: "What if I only had a master's degree instead?"
SUPPOSING_WORDS_EN = {"had", "have", "has", "were", "was", "be", "been", "instead", "only", "just", "then", "would", "rather"}
FOLLOW_UP = re.compile(
    rf"^(?:(?:好的|好|嗯+|哦|噢|明白了?|知道了|谢谢|多谢|了解了?|行)[，,。！!\s]*)*"  # "好的，那…", "好的，谢谢！另外…"
    rf"({OPENERS}|其他|其它|它|该|这项|这个|此项|上述|以上|{HYPOTHETICAL})|还有(谁|哪些)|(其他|其它)(单位|部门)|呢[？?]?$"
    r"|^(?:(?:ok|okay|so|right|alright|well|great|thanks)[,.!]?\s+)?(and|what about|how about|what if|also|then)\b"  # "ok and then…"
    r"|\b(they|them|else|other units|instead)\b"  # it, its, this, that: ANAPHORA
    # a short turn with no subject, opening on how it is given or a preposition: "Paid out over how many years?",
    # "Over how many years?", "For how long?"
    r"|^(?:paid|given|granted|spread|split|released|disbursed|handed|over|for|within|per|by)\b(?=(?:\W+\w+){0,6}\W*$)(?=.*\b(?:how|what|which|when)\b)"
    # measured against the asker's own case, answered before: "Does she pay more than me?", "她交的比我多吗"
    r"|\bthan (?:me|mine|i do|i did|i am|i'm|us|ours|we do)\b|比我们?(?![国省市区县])",
    re.IGNORECASE,
)
# Words saying the turn leaves the subject before: "Separate question: …", "On a different note, …", "换个话题，…".
# Such a turn is asked cold (no earlier document preferred), however it refers inside itself ("…claim them?").
# ("Another question" and 另外/顺便问一下 are not among them: they often go on about the same document.)
TOPIC_CHANGE = re.compile(
    r"^(?:[\w']+[,.!]?\s+){0,4}?(?:(?:a|an|one)\s+)?(?:quick\s+)?(?:totally\s+|completely\s+)?"
    r"(?:(?:separate|different|unrelated)\s+(?:question|topic|subject|matter|thing)|new\s+(?:topic|subject))s?"
    r"(?:\s*[:,.;!—–-]|\s+(?:about|on|regarding|concerning|now|here)\b)"
    r"|^(?:[\w']+[,.!]?\s+){0,2}?(?:on\s+(?:a|an|another)\s+(?:different|separate|unrelated|other)?\s*(?:note|topic|subject)"
    r"|(?:changing|switching|change|switch)\s+(?:the\s+)?(?:subject|topics?|gears)|unrelated(?:ly)?|off[- ]topic)\b"
    r"|^(?:[^？?]{0,8}?[，,：:。！!\s])?(?:换个话题|换个问题|换一个话题|另一个问题|另外一个问题|另一件事|另外一件事|问个别的|问点别的|说点别的|题外话)",
    re.IGNORECASE,
)
# Words pointing back at the document or place of the turn before: "里面的算力券…", "在这边创业…".
DEICTIC = re.compile(r"里面|文中|这边|那边|这里|那里|当地|本地|该文件|该政策|这个政策|这项政策|这份|此文件"
                     r"|\b(?:there|(?:this|that|the) (?:policy|document|plan|scheme|guide|notice|programme|program|measures|regulations))\b"
                     # "What 2020 target did it set for…": what sets, says or requires is the document
                     r"|\b(?:does|did|do|will|would)\s+(?:it|this|they)\s+(?:set|say|require|aim|plan|state|mention|list|stipulate|target|expect|promise)\b",
                     re.IGNORECASE)
# Words pointing back at what the turn before was about: "这部分费用按什么比例支付？", "When does it expire?"
ANAPHORA = re.compile(r"它们|它|这个|这[一两三四几]?[类种项条笔]|这两个|这几个|这些|这部分|此类|该项|该条|此条|上述|刚才|前面说的"
                      r"|这么多|那么多|这个数|这笔钱|这样|这种情况"  # "是每个月这么多还是一年总共？": the figure just given; "这样还能领吗"
                      r"|\b(?:it|its|this|that|these|those)\b", re.IGNORECASE)
# What a bare subject swap ("那高新技术企业呢？", "如果是居民呢") holds besides the subject: pointers, particles,
# punctuation and frame words. A turn with more than ELLIPSIS_REST other characters says what it asks itself.
SWAP_FRAME = re.compile(rf"{OPENERS}|如果是|{HYPOTHETICAL}|换成|改成|对于|至于|到|在|是|的|年|呢|啊|呀|吧|了|[\s？?。，,！!、]")
ELLIPSIS_REST = 1
WHAT_ABOUT = re.compile(r"呢[\s？?。！!]*$")
ASKS_ITS_OWN = re.compile(r"什么|啥|多少|几|多久|多长|吗|" + WHETHER_ZH + r"|可以不|" + COUNTS_AS_ZH + r"|怎么|怎样|如何|哪|是否|有没有|能否|可否|要求|条件|材料|期限")  # "…有什么年龄要求呢？"
# A token that only points back or frames the pointer ("这里说的…", "前面提到的…"): no keyword of the turn.
POINTER_WORD = re.compile(rf"(?:{DEICTIC.pattern}|{ANAPHORA.pattern}|说|讲|提到|所说|{OPENERS}|这|一条|{HYPOTHETICAL})", re.IGNORECASE)
# Words that say how much or how often, not what about (每个月能领多少？ names no subject).
FUNCTION_WORDS = re.compile(r"每个|一人|两人|俩人|每人|各自|一半|每月|每年|一个|一下|这个|那个|现在|目前|大概|一般|的话|能领|能拿|可以|多长|多大|多少钱|最多|最少|"
                            r"一次性|一次|按月|按年|分期|一共|总共|合计|全部|全额|部分|一家|每家|加起来|起来|合起来|加在一起|算下来?|连续|持续|一直|累计|"  # "是一次性还是按月发？", "一家一年加起来…"
                            r"不能|能不能|可不可以|不可|可不|行不行|不行|会不会|一点|高一点|多一点|高点|多点|再高|再多|没有|有没有|"  # "额度能不能高一点？" (能/不能 cut apart)
                            r"享受|领取|申领|领到|拿到|获得|选上|评上|入选")  # receiving or being granted what was asked about:
# "能享受多久？", "选上了是一次性给钱吗？" name no new subject
# Words that name an aspect of a measure rather than what it is about: "申请条件呢？" asks another fact of it.
ASPECT_WORDS = re.compile(r"申请|申报|提交|发送|递交|报送|条件|材料|资料|证明|流程|程序|手续|标准|对象|资格|办理|地点|地址|电话|联系|联系方式|咨询|热线|渠道|方式|途径|"
                          r"额度|金额|资金|比例|期限|年限|时限|有效期|截止|上限|下限|封顶|范围|用途|多少|多久|几年|几个月|几天|几次|几周|"
                          r"奖励|补贴|补助|资助|奖补|扶持|指导|指导部门|指导单位|主管部门|主办单位|承办单位|"  # the kind of support:
                          r"拨付|兑付|兑现|发放|到账")  # "能奖励几年？" asks another fact of it; and how it is paid out ("Paid out over how many years?")
# The asker's own case, up to the verb asking whether it qualifies: "我们公司注册才半年，现在能申请吗？" describes
# the asker, not a subject of its own — it asks about the measure just discussed ("我们能申请算力券吗" names one).
OWN_CASE = re.compile(r"(?:我|咱|本人|本公司|本企业)[^？?。！!]{0,24}?(?:还|也|现在|目前)?" + ELIGIBLE_VERB)
# …and in English: "We run our own servers. Can we still get the vouchers?" asks of the measure just discussed.
OWN_CASE_EN = re.compile(r"\b(?:can|could|may|do|would)\s+(?:we|i)\s+still\b|\b(?:are|am)\s+(?:we|i)\s+(?:still\s+)?(?:eligible|qualified)\b"
                         r"|\b(?:do|would)\s+(?:we|i)\s+(?:still\s+)?qualify\b|\b(?:can|could|may)\s+(?:we|i)\s+(?:also\s+)?"
                         r"(?:get|apply for|claim|receive|take|use)\s+(?:it|them|that|those|these)\b", re.IGNORECASE)
STORY_SENTENCES = 2  # sentences told before an English question that make it a story: a turn going on from it
# keeps the question ("How big a loan could I get?"), not the story (a shorter description still names the matter)
CASE_MAX_CHARS = 16  # a posed case longer than this says more than a case ("…的话" closing a question of its own)
MODIFIER_LENGTH = 3  # a word this short just before the replaced one modifies it (子女 of 子女教育)
MAX_ABOUT_ITEMS, MAX_ABOUT_QUESTION = 20, 2000  # what a client-sent "about" may hold; the rest is ignored
SIBLING_CONTEXT = 2  # characters either side that two alternatives (职工参保人员 / 居民参保人员) share in the documents
LISTED_ALTERNATIVES = 2.0  # score of two words the lexicon lists as alternatives (more than any shared neighbours)
SIBLING_SAMPLES = 60  # occurrences of a word looked at for its contexts


@dataclass
class About:
    """What an answer was about: enough to resolve the next turn without asking again."""

    question: str  # as resolved (a follow-up's full reading)
    intent: str = "other"
    doc_ids: list[str] = field(default_factory=list)  # cited documents, best first (refused follow-up: its ground's)
    chunk_ids: list[str] = field(default_factory=list)  # cited clauses
    places: list[str] = field(default_factory=list)  # place names the question was scoped to
    refused: bool = False
    sentences: list[str] = field(default_factory=list)  # the sentences of those clauses the answer quoted

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, value: dict) -> "About | None":
        if not isinstance(value, dict) or not isinstance(value.get("question"), str):
            return None
        lists = {k: [str(x) for x in (value.get(k) if isinstance(value.get(k), list) else [])[:MAX_ABOUT_ITEMS]
                     if isinstance(x, (str, int))] for k in ("doc_ids", "chunk_ids", "places", "sentences")}
        lists["sentences"] = [x[:MAX_ABOUT_QUESTION] for x in lists["sentences"]]
        return cls(question=value["question"][:MAX_ABOUT_QUESTION], intent=str(value.get("intent") or "other"),
                   refused=bool(value.get("refused")), **lists)


@dataclass
class Resolution:
    """How a turn was read against the turn before."""

    kind: str  # standalone | subject | continues | place | case | document (a full question about the earlier document)
    question: str  # the question to answer (the turn itself when standalone)
    previous: About | None = None
    replaced: tuple[str, str] | None = None  # (earlier subject, new subject)
    refers_back: bool = False  # a continuing turn pointing at what the answer before was about ("it", "这个", its figure)

    @property
    def follows(self) -> bool:
        return self.kind != "standalone"

    def describe(self, turn: int, titles: dict[str, str]) -> str:
        if not self.follows:
            return "a question of its own: nothing carried over from the turn before"
        kept = []
        if self.kind != "place" and self.previous and self.previous.doc_ids:
            kept.append("document " + "、".join(f"《{titles.get(d, d)}》" for d in self.previous.doc_ids[:2]))
        if self.kind == "continues":
            kept.append("subject and clauses")
        text = f"follow-up of turn {turn}: " + (("kept " + ", ".join(kept)) if kept else "kept the question")
        if self.replaced:
            text += f", replaced subject {self.replaced[0]} with {self.replaced[1]}"
        if self.kind == "place":
            text += ", for the place now named"
        if self.kind == "case":
            text += ", for the case the turn poses"
        return text + f" → “{self.question}”"


# "这里面基金给报几成？", "其中个人交多少比例？": a share of what was just said, not something said in the document
PORTION_OF_IT = re.compile(r"(?:(?:这|那)里面|其中)[^，,。？?]{0,10}(?:几成|比例|百分之|占|多少成)")


def points_at_subject(question: str) -> bool:
    """The turn points back at what the turn before was about ("这部分费用…", "When does it expire?", a share of it:
    "这里面基金给报几成？"), not only at its document ("When does this policy expire?": "this" belongs to "this
    policy")."""
    return bool(ANAPHORA.search(DEICTIC.sub(" ", question)) or PORTION_OF_IT.search(question))


# A turn setting aside what the answer before was about ("Besides that, …", "除了这个，…"): it asks about something
# else, not another fact of that clause.
SETS_ASIDE = re.compile(r"\b(?:besides|apart from|aside from|other than|except for|in addition to|beyond)\s+(?:that|this|it|those|these|them)\b"
                        r"|除了(?:这个|这些|这|那个|那些|上面|刚才|前面)", re.IGNORECASE)
# What a Chinese question sets aside is not what it asks ("除了补钱，区里有没有直接送的免费算力？"): no keyword.
BESIDES = re.compile(r"除了[^，,。；;？?！!]*?(?:以外|之外)?(?=[，,])")
# A turn posing another case than the one answered: "要是…", "如果…", "And if I have a brother…", "…instead?"; a
# circumstance the turn states, then points at ("我老婆名下有套房，这样我还能扣吗": 这样 is that circumstance).
POSES_CASE = re.compile(rf"{HYPOTHETICAL}|[，,]\s*(?:这样|这种情况|那样)|\bif\b|\binstead\b"
                        r"|\b(?:i|we)(?:['’]ve|\s+have)\s+(?:got\s+|also\s+)?(?:a|an|one|two|three|four|\d+)\b", re.IGNORECASE)
# ("I've got a brother though, how does it work then?": the asker's case, whose rule stands elsewhere)
# A figure a turn repeats from the answer before: "5万是每年还是三年一共？" after "…每年不超过5万元".
REPEATED_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:[万千百亿]|个?百分点|%|元|岁|周岁|年|个月|天|人|家|项|名)+|\d{3,}(?:\.\d+)?")


def repeats_answer(question: str, answer: str, earlier: str = "") -> bool:
    """The turn repeats a figure the answer before stated (and its question did not ask with): it is about
    what that answer was about ("5万是每年还是三年一共", "Is the 60元 per day?")."""
    return any(normalize_figure(f) in normalize_figure(answer) and normalize_figure(f) not in normalize_figure(earlier)
               for f in REPEATED_FIGURE.findall(question))


def cases_a_bound_of(question: str, answer: str) -> bool:
    """The turn poses a figure of the asker's case in the unit of a bound the answer before states ("有150个人，那得新招
    几个才够？" after "…达到在职职工人数10%（超过100人的企业达到5%）"): it asks of the rule that answer quoted."""
    units = {unit for _, unit in own_values(question)}
    return bool(units) and any(unit in units for _, _, unit, _ in bounds(answer))


def normalize_figure(text: str) -> str:
    return re.sub(r"\s+", "", text)


# A turn comparing what the turn before was about with something else: both figures answer it.
COMPARES = re.compile(r"\b(?:more|less|higher|lower|bigger|smaller|larger|greater|fewer)\s+than\b|\bcompared?\s+(?:to|with)\b"
                      r"|\bthe same as\b|哪个(?:更)?(?:多|高|大|少|低|长|短)|比(?![例率重])(?:[^，,。？?]){1,16}?(?:多|高|大|少|低|长|短)|一样(?:多|高|长)|相比",
                      re.IGNORECASE)
# What a bare new subject may say besides itself and the frame: "硕士的话多少", "甘蔗收获机", "高企多少家".
BARE_ASKING = re.compile(r"的话|是?多少[钱家个项名人]?|几[个项家名人]?|多久|多长时间")


def bare_swap(question: str, subject: str) -> bool:
    """The turn is a new subject and nothing else, with or without 那/呢 ("甘蔗收获机", "硕士的话多少"): the question
    before, asked of it — when the question before names an alternative to it (qa.chain tries that)."""
    rest = question.replace(subject, " ")
    for pattern in (SWAP_FRAME, BARE_ASKING):
        rest = pattern.sub("", rest)
    return len(rest) <= ELLIPSIS_REST and not ASKS_ITS_OWN.search(rest)  # "…还有奖励吗？" asks its own


def elliptical(question: str, subject: str) -> bool:
    """The turn is a new subject for the question before: a bare one ("那高新技术企业呢？", nothing else of its
    own), or any turn asking "what about" with 呢 ("那如果是以OPC企业的名义去贷呢？")."""
    rest = question.replace(subject, " ")
    for pattern in (DEICTIC, ANAPHORA, SWAP_FRAME):
        rest = pattern.sub("", rest)
    if WHAT_ABOUT.search(question) and not ASKS_ITS_OWN.search(rest):
        return True  # "…去贷呢？" asks nothing of its own: what the turn before asked, of the new subject
    return len(rest) <= ELLIPSIS_REST


# A turn that only poses the asker's case — "40岁的话", "如果带动6个人就业呢", "要是雇了8个人": the question before,
# for that case. The case is a figure with a unit said of the asker (qa.figures.OWN_VALUE's units).
CASE_FRAME = re.compile(rf"^(?:{OPENERS})?\s*(?:{HYPOTHETICAL})?(?:是)?|的话|呢|吧|啊|[\s？?。，,！!、]")
CHOICE = re.compile(r"还是|是不是|或者|\bor\b", re.IGNORECASE)
CASE_FIGURE = re.compile(rf"({OWN_NUMBER})\s*(周岁|岁|{PERSONS}|年|个月|级)")  # (级: "那评1级的呢？" after 评了2级)
# The earlier question's own figure of that unit, with the words bounding it (不到35岁, 满3年, 5人以上).
BOUNDED_FIGURE = r"(?:不到|未满|不满|不足|满|超过|少于|多于|低于|高于|大于|小于|不超过|不少于|达到|已经|已|才|有)?\s*{figure}\s*(?:{unit})" \
                 r"(?:及以上|及以下|以上|以下|以内|之内)?"
CASE_UNITS = {"周岁": "周岁|岁", "岁": "周岁|岁", "年": "年", "个月": "个月", "级": "级"}  # any other: people (PERSONS)


def posed_case(question: str) -> str | None:
    """The case a turn poses and nothing else ("40岁的话" → "40岁", "如果带动6个人就业呢" → "带动6个人就业"), or
    None when the turn asks something of its own (多少, 吗, 怎么…) or states no figure of a case."""
    core = CASE_FRAME.sub("", question.strip())
    if not core or ASKS_ITS_OWN.search(core) or CHOICE.search(core) or not CASE_FIGURE.search(core) \
            or len(core) > CASE_MAX_CHARS:  # "5万是每年还是三年一共" asks which
        return None
    return core


# An English turn posing a case: "What if I hire 5 people?", "And if we have 12 employees?", "Suppose there are 12
# of us?" — a frame of supposing, a figure of the asker's (qa.figures.own_values), and few words besides.
POSED_FRAME_EN = re.compile(r"^\W*(?:and |but |so |ok,? |okay,? )?(?:what if|what about if|and if|if|suppose|supposing|"
                            r"say|let's say|what happens if|how about if"
                            # a fact added to the case: "Oh, and she plans to hire six people. Does that change the cap?"
                            r"|oh,? and|oh,? also|also|actually|by the way|btw|i forgot to (?:say|mention)(?: that)?)\b", re.I)
CASE_MAX_WORDS_EN = 12  # a longer turn asks something of its own
POINTER_MAX_WORDS_EN = 6  # a sentence after the case this short, pointing back, asks the question before again


def posed_case_en(question: str) -> tuple[float, str] | None:
    """The figure (value, unit) of the case an English turn poses and nothing else ("What if I hire 5 people?" →
    (5, 人)), or None (no frame of supposing, no figure of the asker's, or a question of its own)."""
    sentences = re.split(r"(?<=[.!?])\s+|\s+[—–-]+\s+", question.strip())  # ("…three years ago instead — would I still get it?")
    posed = question if len(sentences) == 1 or len(sentences[-1].split()) > POINTER_MAX_WORDS_EN \
        or not ANAPHORA.search(sentences[-1]) else " ".join(sentences[:-1])  # (…six people. Does that change the cap?)
    if not POSED_FRAME_EN.match(question) or len(posed.split()) > CASE_MAX_WORDS_EN:
        return None
    values = own_values(question)
    return values[0] if values else None


# Another person the asker asks for: "那我爸退休了呢？" poses that person's case in place of the asker's own.
OTHER_PERSON = re.compile(rf"^(?:{OPENERS})?\s*(?:{HYPOTHETICAL}|换成|至于)?\s*{RELATIVE_ZH}(?P<case>[^？?。，,！!]{{1,12}}?)"
                          r"(?:的话)?\s*(?:呢|吧)?[\s？?。！!]*$")
# …or poses it and asks the question before again for them ("我同事才29，她个人也要扣吗？", "我妈65了，她也能领吗？"):
# a clause with 也 that names nothing beyond a pronoun and a few words of asking
OTHER_PERSON_ALSO = re.compile(rf"^(?:{OPENERS})?\s*(?:{HYPOTHETICAL}|至于)?\s*{RELATIVE_ZH}(?P<case>[^？?。，,！!]{{1,12}}?)[，,]\s*"
                               r"(?P<ask>[^，,。？?！!]{0,12}也[^，,。？?！!]{0,10})[\s？?。！!]*$")
ALSO_ASKING = re.compile(r"[她他]们?|也|[吗吧呢嘛]|不")
ALSO_ASKING_REST = 6  # characters an "also" clause may hold beyond a pronoun, 也 and a particle: 个人要扣, 能领
PARTICLES = re.compile(r"[呢吧啊呀的话\s]")
# The asker's description of themselves opening a question: "我34岁在广州上班，…", "本人今年40岁，…".
OWN_DESCRIPTION = re.compile(r"^(?:我|本人)[^，,。？?！!]{1,20}[，,]\s*")


def other_person_case(question: str) -> str | None:
    """The case of another person a turn poses and nothing else ("那我爸退休了呢？" → "退休了": whom it is for is
    no word to search by), or with the question before asked again of them ("我同事才29，她个人也要扣吗？" → "29岁"),
    or None (no relative named, no case stated of them, or the turn asks something of its own: 多少, 吗…)."""
    found = OTHER_PERSON.match(question.strip())
    also = OTHER_PERSON_ALSO.match(question.strip()) if not found else None
    if also and len(ALSO_ASKING.sub("", also.group("ask"))) <= ALSO_ASKING_REST:
        found = also
    case = found.group("case").strip() if found else ""
    if not found or ASKS_ITS_OWN.search(case) or not PARTICLES.sub("", case):
        return None  # (a bare "那我爱人呢？" says no case of them)
    bare_age = BARE_AGE.fullmatch(PARTICLES.sub("", case))
    return f"{bare_age.group(1)}岁" if bare_age else case  # "我弟29呢？": a person's bare number is their age


# A person's number said alone ("我弟29呢？", "我姐今年41了"): their age
BARE_AGE = re.compile(r"(?:今年|都|才|刚|已经|快)?满?(\d{2})(?:周?岁)?了?")


# The asker turning the question on themselves after asking for someone else: "那我呢？我今年33，在公司上班。"
ASKER_TURN = re.compile(rf"^(?:{OPENERS})?\s*(?:我|我自己|本人)(?:呢|的话)[\s？?，,。！!]*(?P<case>(?:我|本人)[^？?]*?)[\s。！!]*$")


def asker_case(question: str) -> str | None:
    """The asker's own case a turn poses after turning the question on themselves ("那我呢？我今年33，在公司上班。"
    → "我今年33，在公司上班"), or None (no description follows, or it asks something of its own: 多少, 吗…)."""
    found = ASKER_TURN.match(question.strip())
    case = found.group("case").strip("，,。 ") if found else ""
    if not case or ASKS_ITS_OWN.search(case):
        return None
    return case


# …in English: "and me? I'm 38, on employee medical insurance through my job", "What about myself? 41, still working."
ASKER_TURN_EN = re.compile(r"^(?:(?:and|but|so|ok(?:ay)?)[,\s]+)?(?:(?:what|how)\s+about\s+)?(?:me|myself)\b\s*[?？!.,:;—-]+\s*(?P<case>\S.*)$",
                           re.IGNORECASE)
# what the asker says of their working life, as the Chinese description would say it
ASKER_STATUS_EN = ((re.compile(r"\bretired\b|\bon (?:a |my )?pension\b", re.I), "已经退休"),
                   (re.compile(r"\bstill (?:working|employed|at work)\b|\bthrough my (?:job|work|employer)\b|\bI work\b", re.I), "还在上班"))


def asker_case_en(question: str) -> str | None:
    """The asker's own case, in the words of a Chinese description, an English turn poses after turning the question
    on themselves: their age, and whether they still work or have retired ("and me? I'm 38, …through my job" →
    "我38岁，还在上班"), or None (no age of theirs stated, or it asks something of its own)."""
    found = ASKER_TURN_EN.match(question.strip())
    if not found or re.search(r"[?？]", found.group("case")):
        return None
    ages = [int(v) for v, unit in own_values(question) if unit == "岁"]  # (a bare number after "me?" is their age too)
    if not ages:
        return None
    status = next((words for pattern, words in ASKER_STATUS_EN if pattern.search(found.group("case"))), "")
    return f"我{ages[0]}岁" + (f"，{status}" if status else "")


# A clause of the earlier question saying something of the person it was for by a pronoun ("像她这种退休的")
THIRD_PERSON = re.compile(r"[她他]们?|其")


def with_person(earlier: str, case: str, whole: bool = False) -> tuple[str, str | None]:
    """The earlier question asked for another person's case: the asker's description of themselves replaced by it
    ("我34岁在广州上班，长护险个人要交钱吗" + "退休了" → "退休了，长护险个人要交钱吗"), or the case put
    before it when it has none. Returns (question, the description replaced or None).
    `whole` (the asker turning the question on themselves: "那我呢？我38岁，还在上班。" after "我妈今年72岁，早就
    退休了，在广州参加的是职工医保。…像她这种退休的，个人每个月按多少比例交？"): every clause of the opening run
    stating their case goes (naming them, a figure or an event of theirs), and so does each later clause saying
    something of them by a pronoun without asking — their case is none of the asker's; the ground they share
    (在广州参加的是职工医保) stays."""
    if whole:
        from qa.evidence import CLAUSE_EDGES, QUESTION_WORD_ZH, without_description_run  # (qa.model imports this module)
        rest = without_description_run(earlier)
        if rest != earlier:
            def pieces(text):
                return [p for p in re.split(r"(?<=[，,。；;！!])", text) if p.strip(CLAUSE_EDGES)]
            run = pieces(earlier[: len(earlier) - len(rest)])
            theirs = [p for p in run if re.search(RELATIVE_ZH, p) or THIRD_PERSON.search(p) or own_values(p) or event_sides(p)]
            common = [p for p in run if p not in theirs]  # "在广州参加的是职工医保": the ground, not their case
            later = pieces(rest)
            kept = [p for i, p in enumerate(later) if i == len(later) - 1 or not THIRD_PERSON.search(p)
                    or QUESTION_WORD_ZH.search(p)]
            return case + "，" + "".join(common + kept), "".join(theirs).rstrip(CLAUSE_EDGES)
    found = OWN_DESCRIPTION.match(earlier)
    if found:
        return case + "，" + earlier[found.end():], found.group(0).rstrip("，, ")
    if CASE_FIGURE.search(case):  # "我弟29呢？" after "38岁，长护险个人那份按多少费率扣？": the figure of the same unit
        asked, replaced = with_case(earlier, case)
        if replaced:
            return asked, replaced
    return f"{case}的话，{earlier}", None


def with_case(earlier: str, case: str) -> tuple[str, str | None]:
    """The earlier question asked for the case a turn poses: its own figure of the same unit (with the words
    bounding it) replaced ("广州长护险不到35岁个人要交钱吗" + "40岁" → "广州长护险40岁的话个人要交钱吗"), or the case
    put before it when it states none. Returns (question, the phrase replaced or None)."""
    figure = CASE_FIGURE.search(case)
    if figure is None:
        return f"{case}的话，{earlier}", None
    unit = figure.group(2)
    pattern = BOUNDED_FIGURE.format(figure=f"(?:{OWN_NUMBER})", unit=CASE_UNITS.get(unit, PERSONS))
    found = re.search(pattern, earlier)
    if found:
        posed = figure.group(0) if unit == "级" else case  # "评1级的": a grade is the case ("雇了3个人" stays as said)
        return earlier[: found.start()] + posed + "的话" + earlier[found.end():], found.group(0)
    return f"{case}的话，{earlier}", None


def history_turns(value, where: str = "history", max_turns: int = 10) -> list[dict]:
    """Earlier turns as the chain takes them, from what a user or client sent: a list of {"question",
    "answer"?, "about"?} objects (answer objects as `ask --json` and /api/ask return them), or one such object.
    Only the last `max_turns` are kept (only the last one is read); a malformed entry is a ValueError naming it."""
    entries = [value] if isinstance(value, dict) else value
    if not isinstance(entries, list):
        raise ValueError(f"{where} must be a list of {{\"question\", \"answer\"}} objects (or answers as returned)")
    turns = []
    for n, turn in enumerate(entries):
        if not isinstance(turn, dict) or not isinstance(turn.get("question"), str) or not isinstance(turn.get("answer", ""), str):
            raise ValueError(f"{where}[{n}] must be an object with a string 'question' (and 'answer')")
        entry = {"question": turn["question"], "answer": turn.get("answer", "")}
        if isinstance(turn.get("about"), dict):
            entry["about"] = turn["about"]
        turns.append(entry)
    return turns[-max_turns:]


def previous_turn(history: list[dict] | None) -> tuple[int, dict] | None:
    """The last turn of the history that holds a question (its 1-based number and the entry)."""
    turns = [t for t in history or [] if isinstance(t, dict)]
    for n in range(len(turns), 0, -1):
        turn = turns[n - 1]
        if turn.get("question") or (turn.get("role") == "user" and turn.get("content")):
            return n, turn
    return None


def own_words(spans: list[tuple[str, int, int]], is_own, is_head=lambda token: False) -> list[tuple[int, int]]:
    """Where the words of a question that name what it is about stand: `spans` are its tokens with their
    positions (Tokenizer.spans), `is_own(token)` decides which count (the documents use them, and they are
    no intent, function or place word). A word and its parts (科技型中小企业, 企业) make one span; a generic
    head right after an own word (`is_head`: 企业 of OPC企业) belongs to it."""
    own = sorted({(s, e) for token, s, e in spans if is_own(token)}, key=lambda span: (span[0], -span[1]))
    widest = [span for span in own if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in own)]
    heads = {s: e for token, s, e in spans if is_head(token)}
    return [(s, heads.get(e, e)) for s, e in widest]


def runs(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Own words standing next to each other, as one phrase each (OPC创业者个人: OPC, 创业者, 个人)."""
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def subject_of(question: str, spans: list[tuple[int, int]]) -> str:
    """The question's own words as one phrase: from the first to the last own word, when nothing but
    a few joining characters lies between (高新技术企业, 子女教育), else the words joined."""
    if not spans:
        return ""
    whole = question[spans[0][0]: spans[-1][1]]
    if all(nxt[0] - prev[1] <= 1 for prev, nxt in zip(spans, spans[1:])) or comparisons(whole):
        return whole  # 市辖区户籍人口不到100万的城市: a bound stays in the subject
    return "".join(question[s:e] for s, e in spans)


def _contexts(word: str, text: str) -> tuple[set[str], set[str]]:
    """What stands before and after `word` in the documents' text (a sample of its occurrences)."""
    left, right, at = set(), set(), 0
    for _ in range(SIBLING_SAMPLES):
        at = text.find(word, at)
        if at < 0:
            break
        left.add(text[max(0, at - SIBLING_CONTEXT): at])
        right.add(text[at + len(word): at + len(word) + SIBLING_CONTEXT])
        at += len(word)
    return left, right


def alternative_score(old: str, new: str, text: str, new_contexts: tuple[set[str], set[str]] | None = None) -> float:
    """How much `old` and `new` look like alternatives in one slot: shared characters (子女教育 / 继续教育),
    shared neighbours in the documents (职工参保人员 / 居民参保人员: both stand before 参保), and the lexicon's
    table of alternatives (在职 / 退休: qa.lexicon.alternatives).
    `new_contexts`: `_contexts(new, text)`, when the caller scores several words against one `new`."""
    shared = len(set(old) & set(new)) / max(len(set(new)), 1)
    old_left, old_right = _contexts(old, text)
    new_left, new_right = new_contexts or _contexts(new, text)
    neighbours = len(old_left & new_left) + len(old_right & new_right)
    return shared + min(neighbours, 5) / 5 + LISTED_ALTERNATIVES * are_alternatives(old, new)


def replace_subject(previous: str, spans: list[tuple[int, int]], new: str, text: str) -> tuple[str, str] | None:
    """The earlier question with the phrase most like `new` replaced by it: (question, replaced phrase), or
    None when no phrase of the earlier question is an alternative to `new`. Candidates are its own words and
    runs of them (OPC创业者个人 → OPC企业); a word `new` begins with only when nothing else fits.

    Chinese noun phrases put the head last, so a short modifier just before the replaced word goes with it
    (子女 of 子女教育 → 继续教育) unless the documents also write it before the new word."""
    candidates = list(dict.fromkeys(spans + runs(spans)))
    new_contexts = _contexts(new, text)
    scored = [(alternative_score(previous[s:e], new, text, new_contexts), e - s, (s, e)) for s, e in candidates
              if new not in previous[s:e]]
    # A word that begins the new subject is refined by it (OPC → OPC企业): its phrase is what is replaced.
    refined = [c for c in scored if c[0] > 0 and not new.startswith(previous[c[2][0]: c[2][1]])]
    scored = refined or [c for c in scored if c[0] > 0]
    if not scored:
        return None
    _, _, (start, end) = max(scored)
    before = [span for span in spans if span[1] == start]
    if before:
        modifier = previous[before[0][0]: start]
        if len(modifier) <= MODIFIER_LENGTH and modifier + new not in text:
            start = before[0][0]
    return previous[:start] + new + previous[end:], previous[start:end]
