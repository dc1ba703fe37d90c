"""Word lists the fact checks use: general English knowledge, not tuned to any article.

* `OPPOSITES`: pairs whose swap reverses a statement's meaning (polarity and antonyms);
* `NUMBER_WORDS`, `SCALES`: cardinal number words; `ORDINALS`, `MULTIPLIERS`, `FRACTIONS`: number
  words that are not cardinals;
* `TIME_CLASSES`: time words that replace each other only with a change of meaning;
* `DEMONYMS`: nationality adjectives and the place they name (Peruvian ~ Peru);
* `FOREIGN_FUNCTION_WORDS`: frequent function words of languages a text is often left in;
* `valence`: how positive or negative a word is (the VADER lexicon, `lexicons/valence.tsv`);
* `ABUSE`: words that insult or swear.
"""

from __future__ import annotations

import functools
from pathlib import Path

VALENCE_PATH = Path(__file__).with_name("lexicons") / "valence.tsv"

# Each pair is symmetric. Inflected forms are listed where the stem differs.
OPPOSITES: tuple[tuple[str, str], ...] = (
    # affirm / refuse
    ("confirmed", "denied"), ("confirm", "deny"), ("confirms", "denies"), ("accepted", "rejected"),
    ("accept", "reject"), ("accepts", "rejects"), ("approved", "rejected"), ("approve", "reject"),
    ("admitted", "denied"), ("agree", "disagree"), ("agreed", "disagreed"), ("agrees", "disagrees"),
    ("support", "oppose"), ("supported", "opposed"), ("supports", "opposes"),
    ("allow", "ban"), ("allowed", "banned"), ("allows", "bans"), ("allow", "forbid"), ("allowed", "forbidden"),
    ("permitted", "prohibited"), ("legal", "illegal"), ("lawful", "unlawful"), ("guilty", "innocent"),
    ("convicted", "acquitted"), ("true", "false"), ("correct", "incorrect"), ("valid", "invalid"),
    ("success", "failure"), ("succeeded", "failed"), ("successful", "unsuccessful"), ("win", "lose"),
    ("won", "lost"), ("wins", "loses"), ("winner", "loser"), ("victory", "defeat"),
    # likelihood, certainty, necessity
    ("likely", "unlikely"), ("possible", "impossible"), ("probable", "improbable"), ("certain", "uncertain"),
    ("mandatory", "voluntary"), ("compulsory", "optional"), ("required", "optional"), ("necessary", "unnecessary"),
    ("always", "never"), ("everyone", "no one"), ("all", "none"), ("everything", "nothing"),
    ("include", "exclude"), ("included", "excluded"), ("includes", "excludes"),
    # direction and amount
    ("increase", "decrease"), ("increased", "decreased"), ("increases", "decreases"), ("increasing", "decreasing"),
    ("rise", "fall"), ("rose", "fell"), ("rises", "falls"), ("rising", "falling"), ("risen", "fallen"),
    ("grow", "shrink"), ("grew", "shrank"), ("growing", "shrinking"), ("growth", "decline"),
    ("gain", "loss"), ("gains", "losses"), ("gained", "lost"), ("profit", "loss"), ("surplus", "deficit"),
    ("expand", "cut"), ("expanded", "cut"), ("expand", "reduce"), ("expanded", "reduced"), ("extend", "shorten"),
    ("extended", "shortened"), ("raise", "lower"), ("raised", "lowered"), ("raise", "cut"), ("raised", "cut"),
    ("boost", "cut"), ("boosted", "cut"), ("add", "remove"), ("added", "removed"),
    ("higher", "lower"), ("highest", "lowest"), ("high", "low"), ("more", "less"), ("more", "fewer"),
    ("most", "least"), ("many", "few"), ("majority", "minority"), ("maximum", "minimum"),
    ("largest", "smallest"), ("larger", "smaller"), ("large", "small"), ("biggest", "smallest"),
    ("bigger", "smaller"), ("big", "small"), ("longer", "shorter"), ("longest", "shortest"), ("long", "short"),
    ("faster", "slower"), ("fastest", "slowest"), ("fast", "slow"), ("early", "late"), ("earlier", "later"),
    ("earliest", "latest"), ("before", "after"), ("first", "last"), ("up", "down"), ("above", "below"),
    ("inside", "outside"), ("entered", "left"), ("arrived", "departed"),
    ("import", "export"), ("imports", "exports"), ("buy", "sell"), ("bought", "sold"), ("buying", "selling"),
    ("buyer", "seller"), ("lend", "borrow"), ("lent", "borrowed"), ("give", "take"), ("gave", "took"),
    ("send", "receive"), ("sent", "received"),
    # temperature, state, quality
    ("heats", "cools"), ("heat", "cool"), ("heated", "cooled"), ("warming", "cooling"), ("warmer", "cooler"),
    ("hot", "cold"), ("warm", "cold"), ("wet", "dry"), ("wetter", "drier"), ("open", "closed"),
    ("opened", "closed"), ("opens", "closes"), ("open", "shut"), ("start", "end"), ("started", "ended"),
    ("begin", "end"), ("began", "ended"), ("launch", "cancel"), ("launched", "cancelled"), ("launched", "canceled"),
    ("alive", "dead"), ("survived", "died"), ("living", "dead"), ("born", "died"), ("safe", "dangerous"),
    ("safer", "more dangerous"), ("healthy", "sick"), ("strong", "weak"), ("stronger", "weaker"),
    ("strengthen", "weaken"), ("strengthened", "weakened"), ("improve", "worsen"), ("improved", "worsened"),
    ("improving", "worsening"), ("better", "worse"), ("best", "worst"), ("good", "bad"), ("positive", "negative"),
    ("optimistic", "pessimistic"), ("rich", "poor"), ("wealthy", "poor"), ("richest", "poorest"),
    ("cheap", "expensive"), ("cheaper", "more expensive"), ("easy", "difficult"), ("easier", "harder"),
    ("simple", "complex"), ("public", "private"), ("internal", "external"), ("domestic", "foreign"),
    ("domestic", "international"), ("urban", "rural"), ("north", "south"), ("east", "west"),
    ("northern", "southern"), ("eastern", "western"), ("liberal", "conservative"),
    ("friend", "enemy"), ("friends", "enemies"), ("friendly", "hostile"), ("ally", "enemy"), ("allies", "enemies"),
    ("ally", "rival"), ("peace", "war"), ("peaceful", "violent"), ("calm", "violent"), ("legalize", "ban"),
    ("legalized", "banned"), ("attack", "defend"), ("attacked", "defended"), ("arrested", "released"),
    ("arrest", "release"), ("hired", "fired"), ("hire", "fire"), ("employed", "unemployed"),
    ("visible", "invisible"), ("known", "unknown"), ("rare", "common"),
    ("ancient", "modern"), ("old", "new"), ("older", "newer"), ("oldest", "newest"), ("young", "old"),
    ("younger", "older"), ("youngest", "oldest"), ("male", "female"), ("men", "women"), ("man", "woman"),
    ("husband", "wife"), ("father", "mother"), ("son", "daughter"), ("brother", "sister"),
    ("victim", "suspect"), ("victims", "suspects"), ("plaintiff", "defendant"), ("prosecution", "defence"),
    ("prosecution", "defense"), ("government", "opposition"), ("minimum", "maximum"), ("wholesale", "retail"),
    ("asleep", "awake"), ("full", "empty"), ("thick", "thin"), ("deep", "shallow"),
    ("wide", "narrow"), ("near", "far"), ("nearby", "distant"), ("together", "apart"), ("accept", "refuse"),
    ("accepted", "refused"), ("accepted", "dismissed"), ("accept", "dismiss"), ("agreed", "refused"),
    ("welcomed", "condemned"), ("praised", "criticised"),
    ("praised", "criticized"), ("praise", "criticism"), ("won", "conceded"), ("remain", "leave"),
    ("remained", "left"), ("stay", "leave"), ("stayed", "left"), ("join", "leave"), ("joined", "left"),
    ("enter", "leave"), ("entered", "left"), ("entering", "leaving"), ("enter", "exit"), ("entering", "exiting"),
)

# Cardinal number words and scale words (`scoring.checks.numbers` reads their values).
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "couple": 2,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "thousands": 1_000, "millions": 1_000_000, "hundreds": 100,
          "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
}
# Words that say "the first" without an ordinal: a debut is a first appearance.
FIRST_WORDS = frozenset({"debut", "maiden", "inaugural"})
MULTIPLIERS: dict[str, float] = {
    "once": 1, "twice": 2, "thrice": 3, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4,
    "halve": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5, "twofold": 2, "threefold": 3,
    "fourfold": 4, "fivefold": 5, "tenfold": 10,
}
FRACTIONS: dict[str, float] = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3,
                               "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1, "hundredth": 0.01,
                               "hundredths": 0.01, "thousandth": 0.001, "thousandths": 0.001}

TIME_CLASSES: dict[str, tuple[str, ...]] = {
    "frequency": ("hourly", "daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "quarterly",
                  "yearly", "annual", "annually"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "month": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"),
    "relative day": ("yesterday", "today", "tomorrow", "tonight"),
    "unit": ("second", "minute", "hour", "day", "week", "weekend", "fortnight", "month", "quarter", "year",
             "decade", "century", "millennium"),
    "part of day": ("morning", "afternoon", "evening", "night", "midnight", "noon", "dawn", "dusk"),
    "season": ("spring", "summer", "autumn", "winter"),
}
TIME_ALIASES: dict[str, str] = {
    "annually": "annual", "yearly": "annual", "centuries": "century", "millennia": "millennium",
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
    "weekends": "weekend", "months": "month", "years": "year", "decades": "decade", "nights": "night",
    "mornings": "morning", "evenings": "evening", "afternoons": "afternoon", "quarters": "quarter",
    "summers": "summer", "winters": "winter", "springs": "spring", "autumns": "autumn",
    "mondays": "monday", "tuesdays": "tuesday", "wednesdays": "wednesday", "thursdays": "thursday",
    "fridays": "friday", "saturdays": "saturday", "sundays": "sunday",
}

DEMONYMS: dict[str, str] = {
    "afghan": "afghanistan", "albanian": "albania", "algerian": "algeria", "american": "america",
    "argentine": "argentina", "argentinian": "argentina", "armenian": "armenia", "australian": "australia",
    "austrian": "austria", "azerbaijani": "azerbaijan", "belarusian": "belarus", "belgian": "belgium",
    "bolivian": "bolivia", "bosnian": "bosnia", "brazilian": "brazil", "british": "britain", "bulgarian": "bulgaria",
    "cambodian": "cambodia", "canadian": "canada", "chilean": "chile", "chinese": "china", "colombian": "colombia",
    "croatian": "croatia", "cuban": "cuba", "czech": "czechia", "danish": "denmark", "dutch": "netherlands",
    "ecuadorian": "ecuador", "egyptian": "egypt", "english": "england", "estonian": "estonia",
    "ethiopian": "ethiopia", "european": "europe", "filipino": "philippines", "finnish": "finland",
    "french": "france", "georgian": "georgia", "german": "germany", "greek": "greece", "hungarian": "hungary",
    "icelandic": "iceland", "indian": "india", "indonesian": "indonesia", "iranian": "iran", "iraqi": "iraq",
    "irish": "ireland", "israeli": "israel", "italian": "italy", "japanese": "japan", "jordanian": "jordan",
    "kazakh": "kazakhstan", "kenyan": "kenya", "korean": "korea", "kuwaiti": "kuwait", "latvian": "latvia",
    "lebanese": "lebanon", "libyan": "libya", "lithuanian": "lithuania", "malaysian": "malaysia",
    "mexican": "mexico", "moldovan": "moldova", "moroccan": "morocco", "nepalese": "nepal", "nigerian": "nigeria",
    "norwegian": "norway", "pakistani": "pakistan", "palestinian": "palestine", "peruvian": "peru",
    "polish": "poland", "portuguese": "portugal", "romanian": "romania", "russian": "russia", "saudi": "saudi arabia",
    "scottish": "scotland", "serbian": "serbia", "slovak": "slovakia", "slovenian": "slovenia",
    "somali": "somalia", "spanish": "spain", "sudanese": "sudan", "swedish": "sweden", "swiss": "switzerland",
    "syrian": "syria", "taiwanese": "taiwan", "thai": "thailand", "tunisian": "tunisia", "turkish": "turkey",
    "ukrainian": "ukraine", "venezuelan": "venezuela", "vietnamese": "vietnam", "welsh": "wales",
    "yemeni": "yemen", "zimbabwean": "zimbabwe",
    "qatari": "qatar", "emirati": "emirates", "omani": "oman", "bahraini": "bahrain", "ghanaian": "ghana",
    "bangladeshi": "bangladesh", "uzbek": "uzbekistan", "mongolian": "mongolia",
}

# Function words that are frequent in each language and are not English words.
FOREIGN_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les des du un une et est sont dans pour par avec sur qui que pas plus mais ou où "
                    "depuis entre selon aussi très leur leurs cette ces été être avoir nous vous ils elles "
                    "d'ici au aux ne sera était avait de en sous vers chez sans lors dont notre votre ses sa "
                    "il elle nous ont fait peut comme ainsi".split()),
    "de": frozenset("der die das und ist sind nicht mit von zu den dem ein eine einer eines auf für auch "
                    "sich wird wurde werden nach bei aus wie noch über seit durch gegen unter zwischen "
                    "bereits schon sehr diese dieser dieses".split()),
    "es": frozenset("el los las del y es son en para por con una uno que más pero como desde entre según "
                    "también muy sus este esta estos estas fue ser hasta sobre".split()),
    "it": frozenset("il lo gli della delle dei e è sono per con una uno che più ma come dal dalla tra "
                    "secondo anche molto suoi questo questa stato essere fino".split()),
    "pt": frozenset("o os as da das do dos e é são em para por com uma um que mais mas como desde entre "
                    "segundo também muito seus este esta foi ser até sobre não".split()),
}
# English words that are also function words above: never evidence of another language.
ENGLISH_OVERLAP = frozenset("a an and as at be by do for from go he her his i if in is it me my no not of on or "
                            "our so the to up us we with die son fin sat pour plus come per more can".split())

# More opposites, including phrases (matched as whole-word sequences).
MORE_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("welcomed", "criticised"), ("welcomed", "criticized"), ("welcome", "criticise"), ("welcome", "criticize"),
    ("praised", "condemned"), ("calm", "nervous"), ("calmly", "nervously"), ("calm", "anxious"),
    ("voted against", "voted for"), ("voted against", "backed"), ("against", "in favour of"),
    ("against", "in favor of"), ("difficult", "simple"), ("tough", "easy"), ("hard", "easy"),
    ("expensive", "cheap"), ("costly", "cheap"), ("protect", "destroy"), ("protected", "destroyed"),
    ("spared", "destroyed"), ("built", "destroyed"), ("approve", "block"), ("approved", "blocked"),
    ("allowed", "blocked"), ("lifted", "imposed"), ("lift", "impose"), ("resigned", "appointed"),
    ("optimism", "pessimism"), ("confidence", "doubt"), ("strengthening", "weakening"),
    ("accelerate", "slow"), ("accelerated", "slowed"), ("easing", "tightening"), ("eased", "tightened"),
    ("worst", "least"), ("hardest", "least"), ("most", "minority"),
    ("mandatory", "optional"), ("compulsory", "voluntary"), ("required", "voluntary"),
    ("unrelated", "linked"), ("unrelated", "connected"), ("ahead", "behind"), ("leading", "trailing"),
    ("inflow", "outflow"), ("inflows", "outflows"), ("inbound", "outbound"),
    ("additional", "fewer"), ("extra", "fewer"), ("burned", "spared"), ("damaged", "spared"),
    ("destroyed", "intact"), ("strong", "light"), ("heavy", "light"), ("strong", "gentle"),
    ("heats up", "cools down"), ("warm up", "cool down"), ("speed up", "slow down"),
    ("keep", "lose"), ("kept", "lost"), ("retain", "lose"), ("retained", "lost"), ("uphold", "overturn"),
    ("upheld", "overturned"), ("acquit", "convict"), ("acquitted", "convicted"), ("acquittal", "conviction"),
    ("kept", "lose"), ("retained", "lose"), ("upheld", "overturn"), ("uphold", "overturned"),
    ("blocked", "backed"), ("block", "back"), ("suspended", "approved"), ("suspend", "approve"),
    ("suspended", "resumed"), ("banned", "allowed"), ("ban", "allow"), ("banned", "permitted"),
    ("ruled out", "signalled"), ("ruled out", "signaled"),
    # what a study finds: effects and their direction
    ("promote", "inhibit"), ("promoted", "inhibited"), ("promotes", "inhibits"), ("stimulate", "inhibit"),
    ("stimulated", "inhibited"), ("activate", "inhibit"), ("activated", "inhibited"), ("activates", "inhibits"),
    ("stimulate", "suppress"), ("stimulated", "suppressed"), ("enhance", "impair"), ("enhanced", "impaired"),
    ("agonist", "antagonist"), ("benign", "malignant"), ("acute", "chronic"), ("superior", "inferior"),
    ("efficacy", "inefficacy"), ("protective", "harmful"), ("beneficial", "harmful"), ("ago", "later"),
    # what markets and economies do
    ("contracted", "expanded"), ("contract", "expand"), ("contraction", "expansion"), ("widened", "narrowed"),
    ("widen", "narrow"), ("widening", "narrowing"), ("missed", "beat"), ("miss", "beat"), ("misses", "beats"),
    ("struck down", "upheld"), ("strike down", "uphold"), ("strikes down", "upholds"),
    ("turned down", "approved"), ("turn down", "approve"), ("turns down", "approves"), ("turned down", "accepted"),
    ("turned down", "granted"),
    # "no doubt" says "certain": a negation and an opposite that cancel
    ("doubt", "certain"), ("doubts", "certain"), ("doubt", "sure"), ("doubts", "sure"), ("doubt", "certainty"),
    ("appreciated", "depreciated"), ("bullish", "bearish"), ("overweight", "underweight"),
)
# Prefixes that say opposite things of the same stem ("premenopausal" / "postmenopausal",
# "hypertension" / "hypotension", "upregulated" / "downregulated", "pre-war" / "post-war").
OPPOSITE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("pre", "post"), ("hyper", "hypo"), ("over", "under"), ("up", "down"), ("intra", "extra"), ("max", "min"),
)

# Groups that are each other's opposites as a whole: any word of one pole against
# any word of the other (inflections are reduced before lookup: rising -> rise).
POLES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset("rise rose risen increase grow grew grown growth higher gain climb jump surge soar "
               "boost expand up".split()),
     frozenset("fall fell fallen decrease decline drop shrink shrank lower loss slump plunge slide "
               "dip cut reduce down".split())),
    (frozenset("largest biggest highest greatest most".split()),
     frozenset("smallest lowest least fewest".split())),
)

# Words that carry a negation in their meaning: a paraphrase may trade "did not want
# to be named" for "anonymous", or "did not" for "refused"/"failed to".
NEGATIVE_WORDS = frozenset(
    "anonymous anonymously unnamed unidentified refused refuse refuses refusing declined decline declines "
    "failed fail fails failing unable lack lacked lacks lacking absent absence unaware denied deny denies "
    "avoided avoid prevented prevent impossible unclear unknown unwilling reluctant rejected reject "
    "neglected ignored ignore ruled-out barely hardly scarcely ban bans banned banning prohibit prohibits "
    "prohibited prohibiting prohibition forbid forbids forbidden stop stops stopped stopping cease ceases ceased "
    "ceasing escape escaped escapes escaping bar bars barred barring await awaits awaited awaiting".split())

# "once a week", "per day", "every month": the frequency word they stand for.
UNIT_FREQUENCY: dict[str, str] = {"hour": "hourly", "day": "daily", "night": "nightly", "week": "weekly",
                                  "fortnight": "fortnightly", "month": "monthly", "quarter": "quarterly",
                                  "year": "annual"}

# Words after which "a day" / "an hour" is a rate ("100 million euros a day").
RATE_NOUNS = frozenset("euros euro dollars dollar pounds pound yuan yen rubles roubles francs cents percent "
                       "people times hours kilometres kilometers miles litres liters barrels tonnes tons "
                       "calls visits cases patients deaths trains flights".split())

# Durations in days, for "ten years" = "a decade", "two weeks" = "a fortnight".
UNIT_DAYS: dict[str, float] = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14,
    "month": 30, "quarter": 91, "year": 365, "decade": 3650, "century": 36500, "millennium": 365000,
}

# Capitals that news writing uses for their countries' governments ("Moscow said").
CAPITALS: dict[str, str] = {
    "moscow": "russia", "kyiv": "ukraine", "kiev": "ukraine", "beijing": "china", "washington": "america",
    "london": "britain", "paris": "france", "berlin": "germany", "tokyo": "japan", "seoul": "south korea",
    "pyongyang": "north korea", "tehran": "iran", "ankara": "turkey", "delhi": "india", "new delhi": "india",
    "rome": "italy", "madrid": "spain", "warsaw": "poland", "minsk": "belarus", "damascus": "syria",
    "baghdad": "iraq", "cairo": "egypt", "ottawa": "canada", "canberra": "australia", "brasilia": "brazil",
    "taipei": "taiwan", "jerusalem": "israel", "riyadh": "saudi arabia", "kabul": "afghanistan",
    "islamabad": "pakistan", "hanoi": "vietnam", "bangkok": "thailand", "manila": "philippines",
    "jakarta": "indonesia", "nairobi": "kenya", "pretoria": "south africa", "mexico city": "mexico",
    "brussels": "european union", "vienna": "austria", "budapest": "hungary", "prague": "czechia",
    "athens": "greece", "lisbon": "portugal", "dublin": "ireland", "stockholm": "sweden", "oslo": "norway",
    "helsinki": "finland", "copenhagen": "denmark", "bern": "switzerland", "amsterdam": "netherlands",
    "caracas": "venezuela", "havana": "cuba", "bogota": "colombia", "lima": "peru", "santiago": "chile",
    "buenos aires": "argentina", "doha": "qatar", "abu dhabi": "emirates", "tbilisi": "georgia",
    "yerevan": "armenia", "baku": "azerbaijan", "chisinau": "moldova", "vilnius": "lithuania", "riga": "latvia",
    "tallinn": "estonia", "belgrade": "serbia", "bucharest": "romania", "sofia": "bulgaria", "zagreb": "croatia",
}

# Names that stand for one another (keys: lower case, abbreviation dots removed).
# General knowledge, not tied to any article: countries, organisations and units that
# translations render either way.
NAME_ALIASES: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in (
    ("us", "usa", "united states", "united states of america", "america"),
    ("uk", "britain", "great britain", "united kingdom"),
    ("isis", "isil", "is", "islamic state", "daesh"),
    ("un", "united nations"),
    ("eu", "european union"),
    ("ussr", "soviet union"),
    ("prc", "china", "people's republic of china", "sino"),
    ("dprk", "north korea", "pyongyang"),
    ("rok", "south korea"),
    ("uae", "emirates", "united arab emirates"),
    ("nato", "north atlantic treaty organization", "north atlantic alliance"),
    ("who", "world health organization", "world health organisation"),
    ("imf", "international monetary fund"),
    ("celsius", "centigrade", "c"),
    ("kyiv", "kiev"),
    ("holland", "netherlands"),
    ("burma", "myanmar"),
    ("turkey", "türkiye", "turkiye"),
    ("czechia", "czech republic"),
    ("rmb", "renminbi", "yuan", "cny"),
    ("covid", "covid-19", "coronavirus", "new coronavirus", "novel coronavirus", "sars-cov-2"),
))

# Forms of "be", and every auxiliary or modal that may stand before a verb ("was arrested",
# "will raise", "have recovered").
BE_FORMS = frozenset("is are was were be been being".split())
AUXILIARIES = frozenset("will would shall should can could may might must has have had do does did".split()) | BE_FORMS

# Irregular past forms of common verbs and their base forms (the verb check reads them as
# verbs, and "leaving" as a form of "left").
# Verbs and the nouns of the act whose first letters differ from theirs ("was stolen" / "the
# theft of"): a verb rendered by its noun is not dropped. (Nouns that share a verb's first
# five letters, "explode" / "explosion", need no entry.)
NOMINALISATIONS: dict[str, frozenset[str]] = {verb: frozenset(nouns.split("|")) for verb, nouns in (
    pair.split(":") for pair in """
steal:theft die:death fly:flight flee:flight choose:choice lose:loss sell:sale decide:decision
succeed:success fail:failure grow:growth bear:birth speak:speech think:thought give:gift weigh:weight
complain:complaint withdraw:withdrawal pursue:pursuit destroy:destruction describe:description
invade:invasion collide:collision conclude:conclusion seize:seizure defend:defence|defense
offend:offence|offense respond:response receive:receipt admit:admission permit:permission
omit:omission submit:submission transmit:transmission intervene:intervention detain:detention
retain:retention bury:burial marry:marriage deny:denial try:trial apply:application
repeat:repetition propose:proposal|proposition expand:expansion extend:extension
suspend:suspension explain:explanation maintain:maintenance enter:entry|entrance
depart:departure shoot:shot
""".split())}
# Verbs of news that a rewording trades for one another, phrasal verbs among them ("put
# back" for "postponed", "cut" for "reduced"): one meaning, however each is worded. A word
# may stand in several groups; base forms only (`checks.base.verb_forms` reads the rest).
VERB_SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(group.split("|")) for group in """
postpone|put back|put off|defer|delay|hold up
cancel|call off|scrap|axe
reject|turn down|rebuff
resign|step down|quit
establish|set up
reduce|cut|lower|slash|trim|decrease
increase|raise|put up|boost
rise|increase|go up|climb
fall|decrease|drop|decline|go down
investigate|look into|probe
continue|carry on|go on
discover|find out|uncover
release|free|set free
relocate|move|transfer
dismiss|sack
begin|start|launch|kick off
appoint|name
abandon|drop|give up|scrap
surrender|give in
recover|bounce back|rebound
buy|purchase|acquire
lease|rent
concede|admit
help|assist|aid
need|require
attempt|try
build|construct
finish|complete
allow|permit|let
hire|employ|recruit|take on
close|shut|shut down|close down
halt|stop|suspend|pause
die|pass away
ban|prohibit|outlaw|bar
remove|withdraw|pull|take down|pull out
supply|provide
urge|call on
""".strip().splitlines())
# Phrases of several words (or none of them verbs) that say one thing: "for the third quarter in
# a row" / "for a third consecutive quarter". Matched as whole words in any of the forms given.
PHRASE_SYNONYMS: tuple[tuple[tuple[str, ...], ...], ...] = tuple(
    tuple(tuple(phrase.split()) for phrase in group.split("|")) for group in """
consecutive|in a row|straight|successive|running|on the trot
""".strip().splitlines())
IRREGULAR_PAST_BASE: dict[str, str] = dict(pair.split(":") for pair in """
    began:begin bought:buy brought:bring built:build caught:catch chose:choose came:come cut:cut drew:draw
    drove:drive fell:fall felt:feel fought:fight found:find flew:fly forgot:forget froze:freeze got:get grew:grow
    hid:hide hit:hit hurt:hurt kept:keep knew:know laid:lay led:lead left:leave lost:lose made:make meant:mean
    met:meet paid:pay put:put quit:quit ran:run rose:rise saw:see sold:sell sent:send set:set shook:shake
    shot:shoot shut:shut sang:sing sank:sink sat:sit slept:sleep spoke:speak spent:spend spread:spread
    stood:stand stole:steal struck:strike swore:swear swept:sweep swam:swim taught:teach tore:tear
    thought:think threw:throw took:take told:tell understood:understand woke:wake wore:wear wrote:write
    won:win gave:give held:hold said:say taken:take given:give written:write driven:drive beat:beat
    overtook:overtake undertook:undertake overcame:overcome overthrew:overthrow withdrew:withdraw forgave:forgive
    forbade:forbid became:become lent:lend bent:bend fled:flee hung:hang sought:seek sped:speed stuck:stick
    stung:sting swung:swing broke:break rode:ride dealt:deal dug:dig rebuilt:rebuild upheld:uphold
    withheld:withhold stolen:steal broken:break chosen:choose spoken:speak frozen:freeze fallen:fall flown:fly
    grown:grow hidden:hide known:know risen:rise seen:see shaken:shake sworn:swear torn:tear thrown:throw
    woken:wake worn:wear drawn:draw forgotten:forget beaten:beat ridden:ride bitten:bite forbidden:forbid
    forgiven:forgive overtaken:overtake undertaken:undertake withdrawn:withdraw overthrown:overthrow begun:begin
    sung:sing sunk:sink swum:swim shown:show""".split())
IRREGULAR_PAST = frozenset(IRREGULAR_PAST_BASE)


@functools.cache
def _valences() -> dict[str, float]:
    table: dict[str, float] = {}
    for line in VALENCE_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, value = line.split("\t")
            table[word] = float(value)
    return table


def valence(word: str) -> float | None:
    """How positive (up to +4) or negative (down to -4) a lower-case word is, where it
    is clearly either (|valence| >= 1: "praised" 2.2, "insulted" -2.3); None otherwise."""
    return _valences().get(word)


# Words that insult a person or swear: one side using one the other does not have turns
# a report into an insult (MQM: critical). Words with an innocent sense in news ("bloody
# clashes", "swine flu", "a freak accident", "parasites", the "losers" of a match) are not here.
ABUSE = frozenset("""
idiot idiots idiotic moron morons moronic imbecile imbeciles cretin cretins dimwit halfwit nitwit dunce
stupid stupidity fool fools bastard bastards bitch bitches slut sluts whore whores scum scumbag scumbags
jerk jerks lowlife damn damned goddamn crap crappy shit shitty bullshit fuck fucking fucked motherfucker
asshole assholes arsehole arseholes wanker wankers cunt cunts twat twats retard retards retarded
""".split())

# Kinds of one class that exclude each other: one in place of another says something else
# ("children" / "adults", "mice" / "rats", "gold" / "silver", "north" / "south"). Each kind
# lists the words that name it; words of one kind answer each other ("kids" / "children").
KIND_CLASSES: dict[str, tuple[tuple[str, ...], ...]] = {
    "age group": (("infant", "infants", "baby", "babies", "newborn", "newborns", "toddler", "toddlers"),
                  ("child", "children", "kid", "kids", "schoolchildren"),
                  ("adolescent", "adolescents", "teenager", "teenagers", "teen", "teens", "youth", "youths",
                   "youngster", "youngsters", "juvenile", "juveniles"),
                  ("adult", "adults", "grown-up", "grown-ups"),
                  ("elderly", "pensioner", "pensioners", "retiree", "retirees")),
    "sex": (("men", "man", "male", "males", "boys", "boy"), ("women", "woman", "female", "females", "girls", "girl")),
    "animal": (("mouse", "mice"), ("rat", "rats"), ("dog", "dogs"), ("cat", "cats"), ("pig", "pigs"),
               ("monkey", "monkeys"), ("rabbit", "rabbits"), ("cow", "cows", "cattle"), ("sheep",),
               ("horse", "horses"), ("chicken", "chickens", "hen", "hens"), ("goat", "goats"),
               ("zebrafish",), ("hamster", "hamsters")),
    "organ": (("liver", "livers", "hepatic"), ("kidney", "kidneys", "renal"), ("heart", "hearts", "cardiac"),
              ("lung", "lungs", "pulmonary"), ("brain", "brains", "cerebral"), ("pancreas", "pancreatic"),
              ("stomach", "gastric"), ("skin",), ("bone", "bones")),
    "medal": (("gold",), ("silver",), ("bronze",)),
    "direction": (("north", "northern", "northward", "northwards"), ("south", "southern", "southward", "southwards"),
                  ("east", "eastern", "eastward", "eastwards"), ("west", "western", "westward", "westwards")),
    "currency": (("euro", "euros"), ("dollar", "dollars", "greenback"), ("pound", "pounds", "sterling"),
                 ("yen",), ("yuan", "renminbi"), ("franc", "francs"), ("rupee", "rupees"),
                 ("rouble", "roubles", "ruble", "rubles"), ("peso", "pesos"), ("lira",), ("rand",), ("reais",),
                 ("krona", "kronor", "krone", "kroner"), ("shekel", "shekels"), ("bitcoin",)),
    "charge": (("murder", "murdered", "murdering"), ("manslaughter",), ("fraud",), ("theft", "stealing"),
               ("robbery",), ("burglary",), ("assault",), ("rape",), ("trespass",), ("arson",), ("bribery",),
               ("embezzlement",), ("laundering",), ("terrorism",), ("kidnapping", "abduction"), ("espionage", "spying"),
               ("treason",), ("perjury",), ("blackmail", "extortion"), ("harassment",), ("stalking",), ("smuggling",),
               ("trafficking",), ("vandalism",)),
    "colour": (("red",), ("blue",), ("green",), ("yellow",), ("black",), ("white",), ("orange",), ("purple",),
               ("brown",), ("grey", "gray"), ("pink",)),
}
