"""Words naming people: one table of the nouns a question speaks of persons by, in English and Chinese.

A question names the asker's relatives and colleagues to pose their case ("My wife is 56", "那我爸退休了呢？"), calls
them "them" later ("My parents are over 60 … for supporting them?"), and names where they are from ("my Macau
partner"). Each reading builds its pattern from this table, so a noun added here is read the same way everywhere:

- qa.figures: whose age an English question states (AGE_HOLDERS_EN: "my wife is 56", "a colleague who's 29")
- qa.lexicon: who "them" stands for (PLURAL_PEOPLE_EN: parents, employees…)
- ingest.places: a place before a person noun is where they are from (ORIGIN_PEOPLE_EN: "my Hong Kong partner")
- qa.conversation and qa.chain: a Chinese relative a turn poses a case for (RELATIVE_ZH: 我爸, 老婆, 同事)
"""

from __future__ import annotations

import re

# (singular, plural) of the English nouns for a person close to the asker: family, then work and friends
FAMILY_EN = [("wife", "wives"), ("husband", "husbands"), ("spouse", "spouses"), ("partner", "partners"),
             ("father", "fathers"), ("mother", "mothers"), ("dad", "dads"), ("mum", "mums"), ("mom", "moms"),
             ("parent", "parents"), ("parent-in-law", "parents-in-law"), ("in-law", "in-laws"),
             ("son", "sons"), ("daughter", "daughters"), ("child", "children"), ("kid", "kids"),
             ("sister", "sisters"), ("brother", "brothers"), ("grandma", "grandmas"), ("grandpa", "grandpas"),
             ("grandmother", "grandmothers"), ("grandfather", "grandfathers"), ("grandparent", "grandparents"),
             ("aunt", "aunts"), ("uncle", "uncles")]
WORK_EN = [("colleague", "colleagues"), ("coworker", "coworkers"), ("co-worker", "co-workers"), ("friend", "friends"),
           ("employee", "employees"), ("staff", "staff"), ("worker", "workers"), ("intern", "interns"),
           ("graduate", "graduates"), ("student", "students"), ("founder", "founders"), ("co-founder", "co-founders"),
           ("cofounder", "cofounders"), ("boss", "bosses"), ("manager", "managers")]
# …and nouns that say only what a person is, where they are from (no one the asker would pose a case for)
PERSON_EN = [("person", "people"), ("man", "men"), ("woman", "women"), ("youth", "youths"), ("resident", "residents"),
             ("native", "natives"), ("national", "nationals"), ("citizen", "citizens")]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# whose age a question may state: one person ("my wife is 56", "my colleague's 29")
AGE_HOLDERS_EN = _alternation(one for one, _ in FAMILY_EN + WORK_EN)
# whom "them" may stand for: people named in the plural ("my parents", "our employees")
PLURAL_PEOPLE_EN = _alternation(many for _, many in FAMILY_EN + WORK_EN)
# a place right before these names where the person is from ("my Macau partner", "a Hong Kong resident"); so do
# what they were and hold there ("Macau-born", "a Hong Kong passport")
ORIGIN_PEOPLE_EN = _alternation([w for pair in FAMILY_EN + WORK_EN + PERSON_EN for w in pair] + ["born", "passport", "passports"])

# The Chinese words for a person the asker poses a case for: a relative, a colleague or friend (我爸, 老婆, 同事)
RELATIVE_ZH = r"(?:我|咱)?(?:爸爸|爸|妈妈|妈|父亲|母亲|父母|爱人|老婆|老公|妻子|丈夫|配偶|孩子|儿子|女儿|子女|家里老人|老人|" \
              r"弟弟|弟|哥哥|哥|姐姐|姐|妹妹|妹|爷爷|奶奶|外公|外婆|公公|婆婆|岳父|岳母|同事|朋友|员工)"
