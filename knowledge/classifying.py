"""What kind of answer a question wants, and whether it asks who said something.

Both are read off the normalised question with regular expressions: "how many" wants a number,
"when" a date, "who said" an attribution. The matcher uses the kind to rule out facts of the
wrong answer type.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final, Literal

QuestionKind = Literal[
    "name", "number", "duration", "who", "when", "where", "why", "definition", "measure", "open"
]

# "The name of the town (hardest hit)" asks for a place; "the name of the town council's
# spokesman" or "of the town GP surgery" for the name of what the place word qualifies.
_PLACE_NAMED: Final = (
    r"(region|place|area|city|town|province|oblast)s?\b(?! (council|councils|councillor"
    r"|councillors|hall|spokesman|spokeswoman|spokesperson|mayor|mayors|surgery|school|schools"
    r"|hospital|clinic|police|official|officials|manager|planner|planners|centre|center|library"
    r"|museum|church|park|station|newspaper|paper|team|club|gp|doctor|band|board|authority"
    r"|government|leader|chief|market|square|bridge|stadium|airport|zoo|festival)\b)"
)
_KIND_PATTERNS: Final[tuple[tuple[QuestionKind, re.Pattern[str]], ...]] = (
    ("when", re.compile(r"\bhow many (days|weeks|months) (until|till|before|left)\b|\bhow soon\b")),
    (
        "name",
        re.compile(
            r"\b(what|whats|which) (is |are |was |were |s )?(the |his |her |their )?names?\b"
            r"(?! of the (\w+ )?" + _PLACE_NAMED + ")"
            r"|\bnames?\s*$"
            # "What year was the strike called?" asks when.
            r"|^(what|whats|wat) (?!(day|date|year|month|week|time|hour)\b)"
            r"(is |s |was |are |were )?(the |this |that |his |her |their |its )?"
            r"(\w+ ){1,4}(going to be |gonna be |to be )?called\s*$"
            r"|\b(first|full|last) name\b"
            r"|\bnamed\b"
            r"|\b(which|what) (\w+ ){0,3}(units?|brigades?|battalions?|divisions?|corps"
            r"|regiments?)\b"
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow (many|much|big|large|high|low|strong)\b|\bhow many\b"
            # "Card numbers", "phone number": what identifies something, not a count.
            # "Which countries came up with the estimate?" asks who made it, not what it is.
            r"|^(?!(\w+ )?which (\w+ )?(countr(y|ies)|nations?|governments?|agenc(y|ies)|groups?"
            r"|officials?|organi[sz]ations?|experts?|analysts?|compan(y|ies)|sources?"
            r"|researchers?|scientists?|ministr(y|ies)|states?|all(y|ies)|part(y|ies)"
            r"|newspapers?|outlets?) \w+).*"
            r"\b(?<!\bcard )(?<!\bphone )(?<!\baccount )(?<!\bid )(?<!\bpassport )"
            r"(?<!\bserial )(?<!\bflight )(?<!\bplate )(?<!\bregistration )(?<!\breference )"
            r"(?<!\btracking )"
            r"(number|numbers|figure|figures|estimate|estimates|tally|total|headcount)\b"
            r"|\b(the|a|precise|exact) count\b|\bcount of\b"
            r"|\b(what|which) (percent|percentage|proportion|fraction)\b"
            r"|\b(what|which) share of\b"
        ),
    ),
    (
        "duration",
        re.compile(
            r"\bhow long\b|\b(what|which) (time )?(period|span)\b|\bover what (time|span)\b"
            r"|\bsince when\b|\b(span|stretch|period) of time\b|\btime ?frame\b"
        ),
    ),
    (
        "when",
        re.compile(
            # "When" asks unless it joins a clause: "what did he grab when he left?".
            # "What did Danek say when he conceded?" asks what he said, not when.
            r"^(\w+ )?when\b"
            r"|^(?!(\w+ )?(what|whats|who|whos|how|why|where|which)\b).*"
            r"\b(tell me|know|idea|say|said|confirm) when\b"
            r"|\bwhen\b(?! (he|she|they|it|i|we|you|the|a|an|his|her|their|its|asked)\b"
            r"(?! (is|was|are|were|did|do|does|will|would|has|have|had|s)\b))"
            r"|\b(what|which) (day|time|month|year|weekday)\b|\bdate\b|\bat what point\b"
            r"|\bthe timing\b"
        ),
    ),
    (
        "measure",
        re.compile(
            r"\bhow (far(?! apart)|old|tall|fast|often|wide|deep|hot|cold|warm|thin|thick"
            r"|narrow)\b"
            r"|\bhow many (km|kms|kilometers|kilometres|miles|meters|metres|hours|minutes)\b"
            r"|\bhow (big|large) is (the )?(\w+ )?(oblast|region|province|city|country)\b"
            r"|\bhow (long|wide) (is|was) the (\w+ )?(border|frontier|front line|frontline|road"
            r"|river|distance)\b"
            r"|\bhow long (did|does|do|was|is|will) .*\blast\b"
            r"|\bhow long (has|have|had) .* been (the |a )?(\w+ )?(secretary|minister|president"
            r"|in office|in charge|in power|in the job)\b"
        ),
    ),
    (
        "where",
        re.compile(
            r"\bwhere\b|\b(which|what) (\w+ )?(region|place|area|city|capital|part of|bit of"
            r"|province|oblast|town|village|location|spot|neighbourhood|neighborhood|district"
            r"|suburb|county)\b"
            # "Which district attorney ...?" asks for a person.
            r"(?! (attorney|court|judge|commissioner|sheriff|council|councillor|official"
            r"|officials|executive|manager|administrator|clerk|board|nurse|health))"
            r"|\bname of the (\w+ )?" + _PLACE_NAMED
        ),
    ),
    (
        "why",
        re.compile(
            r"\bwhy\b|^y\b|\bwhat for\b|\bfor what\b"
            r"|\b(the|what|whats|what is) (reason|reasons|reasoning|rationale)\b"
            r"|^what (are|is|were|was) .*\b(meant|supposed|sent|there) to (help \w+ )?do\b"
            r"|^what (is|are|was|were) (?!.*\b(calling|asking|pushing|looking|waiting|voting|hoping"
            r"|pressing|lobbying|running|bidding|competing|standing|applying|campaigning|searching"
            r"|nominated|shortlisted|known|famous|responsible|eligible|liable|ready) for$)"
            r"(the |all )?(\w+ ){1,4}for$|\bthere for$"
            r"|^what (does|do|did) (\w+ ){1,3}(say|think|believe) (\w+ ){1,4}(are|is|were|was)"
            r" (in \w+ |there )?for$"
            r"|\bwhat (role|part) (are|is|will|would|do|does|did) .*\bplay\b"
        ),
    ),
    (
        "definition",
        re.compile(
            r"\bwhat (does|do|did|is|s) .*\bmean\b|\bmeaning of\b|\bdefine\b|\bdefinition\b"
            r"|\bwhat is meant by\b|\bwhat (does|do) .*\binvolve\b"
            r"|^what (does|do) (a|an|the job of( a| an)?) .*\bdo\b|\bjob description\b"
            r"|^what (does|do) (the )?(\w+ ){0,3}(secretary|minister|diplomat|ambassador)( of \w+)?"
            r" (actually |really |even )?do\b"
            r"|^what (does|do) (the |an |a )?(\w+ ){1,3}(actually|really|even) do\b"
        ),
    ),
    ("who", re.compile(r"^(\w+ )?who\b|\bwho (is|are|was|were|s)\b")),
)

_ATTRIBUTION_PATTERN: Final = (
    r"\baccording to (whom|who|which|what)\b|\bwho (said|says|say|stated|states|claims|claimed"
    r"|estimates|estimated|estimate|believes|believe|thinks|think|reported|reports|mentioned"
    r"|announced|warned|noted|made|gave|gives|came up with|is saying|put|puts|reckons)\b"
    r"|\bwhose (estimate|figure|number|claim|numbers|estimates|figures|statement|words|reporting"
    r"|report|reports|info|information|account)\b"
    r"|\bsaid by whom\b|\b(who|what) is the source\b|\bwhere does .* come from\b"
    r"|\bsource (of|for)\b|\bwho does\b.*\b(say|estimate|believe|think)\b"
    r"|\bwho (is |s )?(saying|estimating|claiming|reporting|behind)\b|\bfrom (who|whom)\b"
    r"|\bwho (is |s |was )?the (1|person|people|guy|official|officials) (saying|claiming|behind"
    r"|(who|that) (said|says|claimed|claims))\b"
    r"|\bwho (is it|was it|it s) from\b"
    r"|\bwho (sez|said that|said it|called)\b|\bwho (actually|really|first|officially) (said|made|"
    r"announced|stated|gave|put)\b|\bwhich (government|country|official|officials)\b"
    r"|^says who\b|^who says( so| that)?$"
    r"|^((any|what|whats|what s|what is|what are|your|the|pls|please|and|so|ok|okay) )*sources?\b"
    r"|\bhow (do|does|did) (you|we|they|it) know\b|\bwhere does it say\b|\bcitation\b"
    r"|\bwhere (does|did) (the |this )?(article|story|piece|it|this) get\b"
    r"|\b(which|what) (news )?(agency|outlet|wire service|wire|newswire|newspaper|paper"
    r"|media outlet)\b"
    r"|\b(number|figure|estimate|claim|news|story|info) (is )?com(e|es|ing) from\b"
    r"|\bwas it \w+ or \w+\b|\bwho used\b|\b(quote|line|remark|comment|words) (is |was )?from\b"
)


# A judgement asked of the bot ("is it good that ...", "should the US ...", "was it a smart move").
_OPINION_PATTERN: Final = (
    r"^(is|was|isnt|wasnt|would|will) (it|this|that|sending \w+|\w+ \w+) (a )?(good|bad|right"
    r"|wrong|smart|wise|fair(?! game)|ok|okay|moral|immoral|ethical|justified|stupid|dumb"
    r"|reasonable|a mistake)\b"
    r"|^should(nt)?\b|\b(smart|wise|good|bad|dumb|stupid|terrible|great) (move|idea|decision|call"
    r"|thing|policy|plan)\b|\bwaste of\b|\btoo (much|little|many|few)\b|\bworth it\b"
    r"|\btoo (aggressive|harsh|soft|weak|hawkish|provocative|risky|extreme|late|slow)\b"
    r"|\bmorally\b|\bethically\b|\b(is|was) \w+ (right|wrong|justified) (that|to|in|about)\b"
    r"|\b(good|bad|right|wrong|fair) or (bad|good|wrong|right|not|unfair)\b|\bdeserve[sd]?\b"
    r"|\b(do|did|would) you (\w+ )?(think|agree|believe|feel|support|prefer|trust)\b|\bany good\b"
    r"|^(you|u) (think|reckon|believe|feel)\b|\bwould (you|u) (want|like|wanna)\b"
    r"|\b(good|bad) (news|sign) for\b"
    r"|\bhow (worried|scared|concerned|afraid|nervous) should\b"
    r"|\breasons? (to|why (you|we|i|people) should) (support|oppose|back|hate|love|like|help)\b"
    r"|\byour (\w+ )?(view|views|take|opinion|thoughts)\b"
    r"|\bwho is (right|wrong|to blame)\b|\bwho s (right|wrong|to blame)\b|\bwhose side\b"
    r"|^(is|was|were|are) \w+ (\w+ )?(smart|wise|right|wrong|stupid|dumb|foolish|justified|crazy)"
    r" to\b|\bwould you rather\b|\bbluff(ing|s)?\b|\b(do )?you reckon\b|\bdo you find\b"
    r"|\b(more |less )?(believable|credible|trustworthy)\b"
)
# A question about what happened after the article ("did they end up fighting?", "did it come
# true?"): past-tense outcomes of what the article only expects.
_AFTERWARDS_PATTERN: Final = (
    r"\bended up\b|^(did|have|has|had)\b.*\b(end up|in the end|eventually)\b"
    r"|\bdid\b.*\bactually (announce|fight|attack|send|deliver|happen|engage|retake|lose|win)\b"
    r"|\bdust (settled|settles|settle)\b"
    r"|\b(come|came|comes|coming) true\b|\bturn(ed)? out\b"
    r"|\bafter (the|this) (article|story|report|news)\b|\bafter it was published\b"
    r"|(\b(\w+ed|came|went|sent|fought|happened)|\b(did|has|have)\b.*) after (this|that"
    r"|the press conference|the announcement)\b|\bsince (then|this|that)\b"
    r"|\bpan(ned|s)? out\b|\b(hold|held|holds) up\b|\bcome to pass\b|\bprove[dn]? (right|wrong)\b"
    r"|\bstill (the |a )?(\w+ )?(secretary|minister|in office|in charge|in power"
    r"|alive|president)\b"
    r"|\b(what|how) happened (next|after|later|then)\b|\bby now\b"
)


def _gated(first_words: str, pattern: str) -> re.Pattern[str]:
    """Compile `pattern` so that it is only tried where one of `first_words` starts a word.

    Python's regular expressions try every alternative at every position; a long chatty
    message made each of these patterns cost over 100 µs. Every alternative above begins
    with one of its `first_words`, so the gate changes no match, only the time it takes.
    """
    return re.compile(rf"(?=\b(?:{first_words})\b)(?:{pattern})")


_ATTRIBUTION: Final = _gated(
    "according|who|whose|said|what|where|source|sources|from|which|says|any|whats|your|the|pls"
    "|please|and|so|ok|okay|how|citation|number|figure|estimate|claim|news|story|info|was|quote"
    "|line|remark|comment|words",
    _ATTRIBUTION_PATTERN,
)
_OPINION: Final = _gated(
    "is|was|isnt|wasnt|would|will|should|shouldnt|smart|wise|good|bad|dumb|stupid|terrible"
    "|great|waste|too|worth|morally|ethically|right|wrong|fair|deserve|deserves|deserved|do|did"
    "|any|you|u|how|reasons|reason|your|who|whose|were|are|bluff|bluffing|bluffs|more|less"
    "|believable|credible|trustworthy",
    _OPINION_PATTERN,
)
_AFTERWARDS: Final = _gated(
    r"ended|did|have|has|had|dust|come|came|comes|coming|turn|turned|after|since|pan|panned"
    r"|pans|hold|held|holds|prove|proved|proven|still|what|how|by|went|sent|fought|happened"
    r"|\w+ed",
    _AFTERWARDS_PATTERN,
)

# Words at least one of which each pattern above needs: a set lookup spares most questions the
# slower search through every alternative.
# fmt: off
_OPINION_WORDS: Final = frozenset(
    [
        "good", "bad", "right", "wrong", "smart", "wise", "fair", "ok", "okay", "moral", "immoral",
        "ethical", "justified", "stupid", "dumb", "reasonable", "mistake", "should", "shouldnt",
        "move", "idea", "decision", "call", "thing", "policy", "plan", "waste", "too", "worth",
        "morally", "ethically", "deserve", "deserves", "deserved", "think", "agree", "believe",
        "feel", "support", "prefer", "view", "take", "opinion", "blame", "side", "terrible",
        "foolish", "crazy", "rather", "bluff", "bluffing", "bluffs", "great", "reckon", "find",
        "believable", "credible", "trustworthy", "aggressive", "harsh",
        "soft", "weak", "hawkish", "provocative", "risky", "extreme", "late", "slow", "views",
        "thoughts", "reason", "reasons", "news", "sign", "trust", "want", "wanna",
    ]
)
_AFTERWARDS_WORDS: Final = frozenset(
    [
        "ended", "ending", "end", "eventually", "actually", "come", "came", "comes", "coming",
        "true", "turn", "turned", "out", "after", "since", "panned", "still", "happened", "now",
        "up", "pass", "prove", "proved", "proven", "dust",
    ]
)
# fmt: on


# Judgements asked in other words: what the asker would do ("would you drink the water?"),
# blame and verdicts ("the right call", "the bad guy", "an overreaction"), and whether
# something is enough ("is 5,000 crowns per household enough tbh").
_JUDGEMENT: Final = re.compile(
    r"\bwould (you|u) (?!(please |pls |kindly )?(tell|say|explain|know|mind|list|give|show"
    r"|summari[sz]e|remind|repeat|share|describe|clarify|check|confirm|be so kind|be able|let"
    r"|happen)\b)"
    r"|\bwho should (i|we)\b|\b(right|fair|good|bad|wrong|correct) call\b"
    r"|\bin the right\s*$|\bin the right (here|or)\b|^(is|are|was|were) .+ to blame\b"
    r"|\b(bad|good) guys?\b|\boverreact(ion|ing|ed)?\b"
    r"|\bmaking excuses\b|\bcovering (it |this |that )?up\b"
    r"|\b(greatest|best|worst) (\w+ ){1,2}ever\b(?! (recorded|measured|seen|registered))"
    r"|\b(be|make) an? (good|bad|great|terrible|decent) (\w+ )?(leader|pm|president|mayor"
    r"|minister|manager|coach|choice|boss|idea|deal)\b"
    r"|^(is|are|was|were) .+ (a lot|enough|too much|too little)"
    r"( (tbh|honestly|tho|though|really|lol|then|now|seems .*))?$"
)
_JUDGEMENT_WORDS: Final = frozenset(
    [
        "would",
        "should",
        "call",
        "right",
        "blame",
        "guy",
        "guys",
        "overreaction",
        "overreacting",
        "overreact",
        "overreacted",
        "excuses",
        "covering",
        "ever",
        "be",
        "make",
        "lot",
        "enough",
        "much",
        "little",
    ]
)


def asks_opinion(normalized: str) -> bool:
    """True when the question asks the bot to judge ("is it good that ...?")."""
    words = normalized.split()
    return (not _OPINION_WORDS.isdisjoint(words) and bool(_OPINION.search(normalized))) or (
        not _JUDGEMENT_WORDS.isdisjoint(words) and bool(_JUDGEMENT.search(normalized))
    )


def asks_afterwards(normalized: str) -> bool:
    """True when the question asks how things turned out after the article."""
    return not _AFTERWARDS_WORDS.isdisjoint(normalized.split()) and bool(
        _AFTERWARDS.search(normalized)
    )


_OVERRIDING: Final[tuple[QuestionKind, ...]] = ("name", "definition", "why", "measure")


@cache
def _asks_size_of(places: frozenset[str]) -> re.Pattern[str]:
    """Match "how big is <place>?", which asks for an area (`places` as `normalize` writes them)."""
    names = "|".join(re.escape(place) for place in sorted(places))
    return re.compile(rf"\bhow (big|large) is (the )?(\w+ )?({names})\b")


def question_kind(normalized: str, places: frozenset[str] = frozenset()) -> QuestionKind:
    """Classify a normalised question by the kind of answer it wants.

    Args:
        normalized: The question, normalised.
        places: The fact base's place names ("how big is <place>?" asks for a measure).
    """
    kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(normalized)]
    if places and _asks_size_of(places).search(normalized):
        kinds.append("measure")
    # A name or a reason is what is asked even when numbers or places are mentioned
    # ("why is the US estimate lower?"); otherwise two kinds ("when and where was it?")
    # rule nothing out.
    for first in _OVERRIDING:
        if first in kinds:
            return first
    return kinds[0] if len(set(kinds)) == 1 else "open"


# Every alternative of _ATTRIBUTION contains one of these words.
# fmt: off
_ATTRIBUTION_WORDS: Final = frozenset(
    [
        "according", "who", "whose", "whom", "said", "source", "sources", "where", "says", "which",
        "know", "citation", "from", "was", "agency", "outlet", "newspaper", "paper", "media",
        "wire", "newswire",
    ]
)
# fmt: on


# "Is it a US estimate or a Ukrainian one?": whose figure it is, asked by naming the choices.
_WHOSE_CHOICE: Final = re.compile(
    r"\b(estimate|figure|number|claim) or (a |an |the )?\w+ (1|estimate|figure|number|claim)\b"
)


def asks_for_attribution(normalized: str) -> bool:
    """True when the question asks who says something rather than what is said."""
    if " or " in normalized and _WHOSE_CHOICE.search(normalized):
        return True
    return not _ATTRIBUTION_WORDS.isdisjoint(normalized.split()) and bool(
        _ATTRIBUTION.search(normalized)
    )
