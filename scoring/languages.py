"""What the cross-lingual checks know about each language: how numbers are written,
negation cues, month and weekday names, frequency words, function words.

The tables cover English, German, French, Spanish, Italian, Portuguese, Dutch and Russian
in full, and most of it for Chinese, Japanese, Korean, Polish, Czech, Slovak, Ukrainian,
Romanian, Hungarian, Swedish, Danish and Norwegian, and the negations, months and weekdays
of Finnish, Greek, Bulgarian, Croatian, Hebrew, Hindi, Vietnamese, Indonesian, Estonian and
Slovenian; the months and weekdays of the languages not here come from the Unicode CLDR
(Babel); such a language is otherwise audited with sentence vectors, its digits and its
stops only, and the report says so (`facts_checked`). Number words are read by `text2num`
(Rust, offline) for the languages it knows and from `NUMBER_WORDS` for ten more.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from scoring import lexicon
from scoring.clean import LEGACY_LANGUAGE_CODES
from scoring.score import STOPWORDS

# ISO 639-1: the codes a caller may give for a side's language.
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee "
    "el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
    "it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms "
    "mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk "
    "sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu".split())


def language_code(value: str) -> str:
    """A caller's language code as the pipeline uses it: ISO 639-1, lower case, a
    region dropped ("de-AT" -> "de"). Raises BadRequest for anything else."""
    from scoring.errors import BadRequest

    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower() if isinstance(value, str) else ""
    code = LEGACY_LANGUAGE_CODES.get(code, code)  # withdrawn codes ("iw" for Hebrew)
    if code not in ISO_639_1:
        raise BadRequest(f"{value!r} is not a language code", "give an ISO 639-1 code such as en or de, or leave it "
                                                                "out to identify the language from the text")
    return code


CHECKED_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "ru"})
# Languages that write 1.000,5 (thousands with a dot or a space, a decimal comma).
DECIMAL_COMMA = frozenset({"de", "fr", "es", "it", "pt", "nl"})
# More languages whose digits are read (their words are not): a decimal comma, or a point.
DECIMAL_COMMA_MORE = frozenset("ru uk be pl cs sk sl hr sr bs bg mk ro hu tr sv da nb nn no fi et lv lt el az kk "
                               "id vi ca gl eu".split())
DECIMAL_POINT = frozenset("en zh ja ko he th hi bn ur ta te ms tl ga mt ar fa sw".split())
# Thousands grouped with a plain space ("1 500 000").
SPACE_THOUSANDS = frozenset("fr de nl it es pt ru uk be pl cs sk sl bg hu sv nb nn no fi et lv lt".split())


def number_format_known(lang: str) -> bool:
    return lang in DECIMAL_COMMA or lang in DECIMAL_COMMA_MORE or lang in DECIMAL_POINT


# Languages that write compounds as one word ("Langstreckenraketen"): their words'
# parts are matched too.
COMPOUNDING = frozenset("de nl sv da nb nn no fi is et hu lb".split())
# Languages that capitalise every noun: a capital there does not mark a name.
NOUN_CAPITALS = frozenset({"de", "lb"})
TEXT2NUM_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "pt", "nl"})

NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset("not n't no never none nobody nothing neither nor without cannot nowhere".split()),
    "de": frozenset("nicht kein keine keinen keinem keiner keines keinerlei nie niemals nichts niemand niemandem niemanden "
                    "weder ohne keineswegs keinesfalls nirgends nirgendwo".split()),
    "fr": frozenset("ne n' pas jamais aucun aucune rien personne sans ni".split()),
    "es": frozenset("no nunca jamás ningún ninguno ninguna nada nadie sin ni tampoco".split()),
    "it": frozenset("non mai nessuno nessuna niente nulla senza né".split()),
    "pt": frozenset("não nunca jamais nenhum nenhuma nada ninguém sem nem".split()),
    "nl": frozenset("niet geen nooit niets niemand zonder noch".split()),
    "ru": frozenset("не нет ни никогда ничего ничто никто никого никому нигде без нельзя".split()),
    # Languages that say "not" with a word of its own. Czech and Slovak mostly negate
    # with a prefix: only their negated forms of "be", "have", "can", "want", "must" and
    # "know" are cues, other "ne-" words only make a missing negation unsure (the
    # negative prefixes in `scoring.checks.crosslingual`).
    "pl": frozenset("nie nigdy nic niczego niczym nikt nikogo nikomu nigdzie żaden żadna żadne żadnego żadnej "
                    "żadnych bez ani".split()),
    "cs": frozenset("nikdy nic ničeho nikdo nikoho nikde žádný žádná žádné žádného žádných bez ani není nejsou "
                    "nebyl nebyla nebylo nebyli nebyly nebude nebudou nemá nemají neměl neměla neměli nemůže "
                    "nemohou nemohl nemohla nemohli nelze nechce nechtějí nechtěl nechtěla nesmí nesmějí neví "
                    "nevěděl nevěděla ne nikoli nikoliv".split()),
    "sk": frozenset("nie nikdy nič ničoho nikto nikoho nikde žiadny žiadna žiadne žiadneho žiadnych bez ani "
                    "nemá nemajú nebol nebola nebolo nebude nebudú nemôže nemôžu nemohol nemohla "
                    "nechce nesmie nevie niet".split()),
    "uk": frozenset("не ні ніколи нічого ніщо ніхто нікого нікому ніде жоден жодна жодне жодного жодних без "
                    "немає".split()),
    "ro": frozenset("nu niciodată nimic nimeni niciun nicio niciunul niciuna fără nici n-a n-au n-ar n-am n-ai n-o "
                    "nu-i nu-l nu-și nu-şi nu-mi nu-ți nu-ţi nu-s nu-le nu-o".split()),
    "hu": frozenset("nem ne soha semmi semmit senki senkit sehol nincs nincsenek sincs sincsenek sem nélkül "
                    "nélküli".split()),
    "sv": frozenset("inte ej icke aldrig ingen inget inga ingenting ingenstans utan varken nej".split()),
    "da": frozenset("ikke aldrig ingen intet ingenting uden hverken nej".split()),
    "no": frozenset("ikke aldri ingen intet ingenting uten verken nei".split()),
    # Finnish conjugates its negation verb ("en", "ei", "eivät"; "ettei" = that ... not);
    # Greek "ποτέ" and "κανένας" are also "ever" and "any" in questions: left out
    "fi": frozenset("ei en et emme ette eivät eikä enkä etkä emmekä ettekä eivätkä ettei etten ettet ettemme "
                    "ettette etteivät jottei jotteivät älä älkää ilman".split()),
    "el": frozenset("δεν μην μη όχι ούτε χωρίς".split()),
    "bg": frozenset("не няма нямам нямаш нямаме нямате нямат нямал нямала нямало нямали нито никога никой никого "
                    "нищо никакъв никаква никакво никакви без".split()),
    "hr": frozenset("ne nije nisu nisam nisi nismo niste neće nećemo neću nećeš nećete nema nemaju nikad nikada "
                    "nitko ništa nijedan nijedna nijedno bez niti".split()),
    # "אי" makes the word after it its opposite ("אי אפשר" impossible, not possible)
    "he": frozenset("לא ולא שלא כשלא אין ואין שאין אינו אינה אינם אינן בלי ללא אי".split()),
    "hi": frozenset("नहीं नही न मत बिना".split()),
    "vi": frozenset("không chẳng chưa chả đừng chớ".split()),
    "id": frozenset("tidak tak bukan belum jangan tanpa tiada".split()),
    "et": frozenset("ei pole polnud mitte ega ära ärge ilma".split()),
    "sl": frozenset("ne ni niso nisem nisi nismo niste nisva nista nikoli nihče ničesar nič noben nobena nobeno "
                    "nobenega nobene brez niti".split()),
    # Turkish negates a verb in its ending ("göndermeyecek", read by the check) and says
    # "is not" and "there is no" with words of their own
    "tr": frozenset("değil değildi değildir değiller değilim değiliz yok yoktu yoktur yokmuş hiç hiçbir hiçbiri "
                    "hiçkimse asla".split()),
    # Lithuanian writes "ne" before a verb and onto it ("nepriėmė", read by the check)
    "lt": frozenset("ne nėra nebėra nebuvo nebus nebebus niekada niekad niekas nieko niekam niekur joks jokia "
                    "jokio jokios jokių jokiu jokį jokią jokie negali negalėjo negalės neturi neturėjo neturės "
                    "nenori nenorėjo nežino nežinojo".split()),
}
NEGATIONS["nb"] = NEGATIONS["nn"] = NEGATIONS["no"]
# The cues that say "without": a side whose only negation is one of these does not say a
# "not" the other side says beside its own "without" ("would not allow ... without a review" /
# "skulle tillåta ... utan en prövning").
WITHOUT: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "without", "de": "ohne", "fr": "sans", "es": "sin", "it": "senza", "pt": "sem", "nl": "zonder",
    "sv": "utan", "da": "uden", "no": "uten", "nb": "uten", "nn": "utan", "pl": "bez", "cs": "bez", "sk": "bez",
    "sl": "brez", "hr": "bez", "bg": "без", "ru": "без", "uk": "без", "ro": "fără", "hu": "nélkül", "fi": "ilman",
    "et": "ilma", "el": "χωρίς", "id": "tanpa", "lt": "be"}.items()}

# Chinese writes no spaces: its negations are characters found in the text ("没有",
# "不", "未", "无", "非", "勿"), except inside words that do not negate ("不断"
# continuously, "不同" different, "非洲" Africa, "未来" future, "无人机" drone) or that
# negate twice ("不得不" has to).
CHINESE_NEGATIONS = frozenset("不没未无非勿")
CHINESE_NOT_NEGATING = tuple(
    "不仅 不只 不但 不光 不断 不过 不少 不同 不久 不管 不论 不得不 不禁 不错 不料 要不 不然 差不多 不时 不停 "
    "忍不住 不止 了不起 不得了 不由得 不无 无不 没收 淹没 埋没 出没 覆没 未来 未成年 无论 无人机 无数 无疑 无线 "
    "无辜 无聊 无奈 无家可归 无情 无所谓 无比 虚无 无限 无穷 非常 非洲 是非 非凡 除非 莫非 非得 不一样 不仅仅 "
    "不可避免 不遗余力 措手不及 不可思议 不知不觉 不约而同 迫不及待 层出不穷 络绎不绝 义不容辞 一丝不苟 坚定不移 "
    "不屈不挠 刻不容缓 不言而喻 不计其数 不容忽视 不甘示弱 不折不扣 不可或缺 必不可少 无微不至 无所不 无时无刻 "
    "不可估量 滔滔不绝 供不应求 日新月异 不亦乐乎 "
    # names and fixed terms: South/East/North/Central/West Africa, African Union, SARS,
    # Bhutan, Wuxi, Great Britain, Bremen, real estate, life imprisonment, self-driving,
    # barrier-free, unleaded, free of charge, denuclearisation, non-profit
    "南非 东非 北非 中非 西非 非盟 非典 不丹 无锡 大不列颠 不莱梅 不动产 无期徒刑 无人驾驶 无障碍 无铅 无偿 "
    "无核化 非营利 非政府 "
    # words whose English is one word of negative meaning: shortage, less than, ignore,
    # innocent, unprecedented, irreversible, indelible
    "不足 不到 无视 无罪 史无前例 不可逆转 不可磨灭".split())
# Words of negative meaning in Chinese: the English "not" may be rendered with one.
# ("才", "only then", is English "not until").
# ... with the words of negative meaning written with a negation (unrealistic, impossible,
# unreasonable, illegal): a word, not a "not"
CHINESE_NEGATIVE_ADJECTIVES = tuple("不切实际 不现实 不可能 不合理 不合法 非法 不公平 不公正 不足以 不良".split())
CHINESE_NOT_NEGATING = CHINESE_NOT_NEGATING + CHINESE_NEGATIVE_ADJECTIVES
CHINESE_NEGATIVE_WORDS = tuple("拒 否认 失败 缺乏 缺少 禁 避免 防止 阻止 反对 难以 否决 停止 取消 只 仅 而是 "
                               "少于 低于 免 才".split()) + CHINESE_NEGATIVE_ADJECTIVES

# Japanese negates in the verb's ending: "しない", "しなかった", "しません", "せず". These
# endings are the cues (written without spaces, found in the text), except after the
# stems of adjectives that only end like them ("少ない" few, "危ない" dangerous), in
# "間もなく" (soon), and in the double negatives that say "must" ("しなければならない"),
# "may" ("かもしれない") and "surely" ("違いない").
JAPANESE_NEGATION = re.compile(r"(?<![少危切幼拙])な(?:い|かった|く|ければ)|ません|せず|ずに|おらず|ず(?=[、,])|なし[にで]")
JAPANESE_NOT_NEGATING = tuple(
    "間もなく まもなく ほどなく 程なく なければならな なければいけな なければなりませ なくてはならな なくてはいけな "
    "ないといけな ないとならな ざるを得な ざるをえな かもしれな かも知れな しれませ 違いな ちがいな 余儀な 欠かせな "
    "少なくな すぎな 過ぎな だけでな ばかりでな やむを得な わらず 必ず 絶えず 思わず 少なからず".split())
# Words of negative meaning in Japanese (the other side's "not" may be rendered with
# one): un-, not yet, without, refuse, deny, fail, ban, lack, avoid, prevent, oppose,
# stop, only.
JAPANESE_NEGATIVE_WORDS = tuple("不 未 無 拒 否 失敗 禁 欠 避 防 反対 中止 停止 だけ のみ しか わずか".split())
# ... not in these, which hold such a character and mean nothing negative (before dawn,
# future, defence, fire brigade, evacuation, real estate, safe).
JAPANESE_NOT_NEGATIVE = ("未明", "未来", "防衛", "消防", "避難", "不動産", "無事")
# Korean negates with "않" (-지 않다), "못" (cannot), "안" (before the verb), "없"
# (there is no), "아니" (is not), "모르" (not know); a word holding one is a cue
# ("참석하지 않았다"), except "아니면" (or else), "없애" (remove) and "어쩔 수 없" (cannot
# help it).
KOREAN_NEGATION = ("않", "없", "아니", "아닌", "아닙", "못하", "못했", "못한", "못할", "못해", "못합", "모르", "모른", "모릅",
                   "몰랐", "몰라")
KOREAN_NEGATION_WORDS = frozenset({"안", "못"})
KOREAN_NOT_NEGATING = ("아니면", "없애", "없앴", "없앨", "없앤", "끊임없", "틀림없", "머지않", "못지않", "문제없", "잘못", "어김없",
                       "마지못")
# Words of negative meaning in Korean: impossible/un-, refuse, fail, ban, lack, prevent,
# oppose, stop, only, undecided, ignore.
KOREAN_NEGATIVE_WORDS = tuple("불가 거부 거절 실패 금지 부족 막았 막기 막아 막는 반대 중단 뿐 미정 무시".split())

# Set phrases that hold a negation but often stand for words without one on the other
# side ("without problems" = "smoothly", "without doubt" = "undoubtedly", "or not",
# "not until" = "only in", "no fewer than" = "as many as", "hardly any"): where every
# cue of a side sits in one of them, a negation missing on the other side is unsure.
SOFT_NEGATION_PHRASES: dict[str, re.Pattern[str]] = {lang: re.compile(phrases) for lang, phrases in {
    "en": r"\bnot until\b|\bno(?:t)? (?:fewer|more|less|later|earlier|sooner) than\b",
    "ja": r"問題なく|のではないか",
    "ko": r"수밖에 없|적지 않|뿐만 아니|거의 없|인지 아닌지|든 안 ",
    "pl": r"\bomal nie\b|\bo mało nie\b|\bdopóki nie\b|\bnie lada\b|\bnie bez\b|\bbez wątpienia\b|"
          r"\bbez problemów\b|\bczy nie\b|\bnie mniej\b",
    "cs": r"\bdokud ne|\bbez problémů\b|\bnebo ne\b",
    "sk": r"\bkým ne|\bbez problémov\b|\balebo nie\b",
    "uk": r"\bледь не\b|\bмало не\b|\bпоки не\b|\bне раз\b|\bбез сумніву\b|\bбез проблем\b|\bне менш\b|\bчи ні\b|"
          r"\bне (?:більше|довше|пізніше)\b",
    "ro": r"\bfără îndoială\b|\bfără probleme\b|\bsau nu\b|\bnu mai puțin\b",
    "hu": r"\bnem sokkal\b|\bnem kevésbé\b|\bvagy sem\b",
    "sv": r"\bsom aldrig förr\b|\butan tvekan\b|\butan problem\b|\beller inte\b",
    "da": r"\bsom aldrig før\b|\buden tvivl\b|\buden problemer\b|\beller ikke\b",
    "no": r"\bsom aldri før\b|\buten tvil\b|\buten problemer\b|\beller ikke\b",
    "fi": r"\bvai ei\b|\bepäilemättä\b|\bongelmitta\b",
    "el": r"\bή όχι\b|\bχωρίς αμφιβολία\b|\bχωρίς προβλήματα\b",
    "bg": r"\bили не\b|\bбез съмнение\b|\bбез проблеми\b|\bне по-малко\b",
    "hr": r"\bili ne\b|\bbez sumnje\b|\bbez problema\b|\bne manje\b",
    "he": r"או לא|ללא ספק|בלי ספק",
    "hi": r"या नहीं|बिना किसी संदेह",
    "vi": r"\bhay không\b|\bhoặc không\b|\bcó không\b|\bkhông ngừng\b",
    "id": r"\batau tidak\b|\btanpa ragu\b|\btidak lama\b|\btak lama\b",
    # "no more than", "no later than": a limit, said as often with "only" or "at most"
    "ru": r"\bне (?:больше|более|дольше|меньше|менее|позже|позднее)\b|\bили нет\b",
    "de": r"\bnicht (?:mehr|weniger|später|länger) als\b",
    "fr": r"\bpas plus (?:de|que|tard)\b",
    "es": r"\bno más (?:de|que|tarde)\b",
    "it": r"\bnon (?:più|oltre) (?:di|che|tardi)\b",
    "pt": r"\bnão mais (?:de|que|tarde)\b",
    "tr": r"\bya da değil\b|\bolup olmadığı",
}.items()}
SOFT_NEGATION_PHRASES["nb"] = SOFT_NEGATION_PHRASES["nn"] = SOFT_NEGATION_PHRASES["no"]
# Idioms whose negation word negates nothing: Hebrew "לא פעם" (not once: often), "לא מעט"
# (not a little: quite a lot); Vietnamese nouns made with "không" (no; also "air", "empty"):
# "không khí" air, "không gian" space, "không quân" air force, "không phận" airspace,
# "hàng không" aviation, "phòng không" air defence, "máy bay không người lái" drone. Their
# cue is not read at all.
# "Without doubt" in each language negates nothing either (Vietnamese "chưa đầy", "not yet
# full", is "less than").
NOT_NEGATING_PHRASES: dict[str, re.Pattern[str]] = {lang: re.compile(pattern, re.I) for lang, pattern in {
    "he": r"(?<![\w])[ושכ]{0,2}לא (?:פעם|מעט|אחת)(?![\w])|(?:ללא|בלי) (?:ספק|כל ספק)",
    "vi": r"\bkhông (?:khí|gian|quân|phận|lưu|trung|kích|ảnh|vận|người lái|nghi ngờ|ngừng)\b|"
          r"\b(?:hàng|phòng) không\b|\bchưa (?:đầy|tới|đến)\b",
    "id": r"\b(?:tak|tidak) (?:diragukan|lama)\b|\btanpa (?:ragu|diragukan)\b",
    "et": r"\bilma kahtluseta\b", "sl": r"\bbrez dvoma\b",
    "en": r"\bwithout (?:a |any )?(?:doubt|question)\b|\bno doubt\b",
    # "yalnızca X değil, Y de": not only X but also Y
    "tr": r"\b(?:sadece|yalnızca|yalnız|sırf)\s+(?:\S+\s+){0,4}?değil\b|\bşüphesiz\b|\w+m[ae]d[ae]n\s+önce\b",
    "sv": r"\butan (?:tvivel|tvekan)\b",
    "da": r"\buden (?:tvivl|tvekan)\b", "no": r"\buten (?:tvil|tvekan)\b",
    "es": r"\bsin (?:duda|lugar a dudas)\b", "pt": r"\bsem dúvida\b", "it": r"\bsenza dubbio\b",
    "fr": r"\bsans aucun doute\b", "de": r"\bohne (?:jeden )?zweifel\b", "nl": r"\bzonder twijfel\b",
    "ru": r"\bбез (?:сомнения|всякого сомнения)\b", "uk": r"\bбез сумніву\b", "pl": r"\bbez wątpienia\b",
    "cs": r"\bbez pochyby\b", "sk": r"\bbez pochyby\b", "bg": r"\bбез съмнение\b", "hr": r"\bbez sumnje\b",
    "ro": r"\bfără îndoială\b", "el": r"\bχωρίς αμφιβολία\b", "hi": r"बिना (?:किसी )?संदेह",
}.items()}
NOT_NEGATING_PHRASES["nb"] = NOT_NEGATING_PHRASES["nn"] = NOT_NEGATING_PHRASES["no"]

# Words that stand for "one" or "a": never a number a translation must carry.
WEAK_NUMBER_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("a an one couple".split()),
    "de": frozenset("ein eine einen einem einer eines eins paar".split()),
    "fr": frozenset("un une".split()),
    "es": frozenset("un uno una".split()),
    "it": frozenset("un uno una".split()),
    "pt": frozenset("um uma".split()),
    "nl": frozenset("een".split()),
    "ru": frozenset("один одна одно одного одной".split()),
}

# Vague amounts: "thousands of", "Hunderte", "des dizaines": never a number to carry.
VAGUE_AMOUNTS = frozenset(
    "hundreds thousands millions billions dozens tens scores hunderte hunderten tausende tausenden dutzende "
    "dutzenden millionen milliarden centaines milliers dizaines cientos miles decenas centinaia migliaia "
    "decine centenas milhares dezenas honderden duizenden tientallen".split())
# Units a translation may convert ("80 feet" -> "25 Meter"): their numbers may change.
CONVERTIBLE_UNITS = frozenset(
    "feet foot ft miles mile mph pounds pound lb lbs inches inch yards yard acres acre gallons gallon ounces "
    "ounce oz fahrenheit °f stone stones pints pint degrees".split())
# Words for o'clock after a number of hours ("15 Uhr"): a time of day.
OCLOCK = frozenset("uhr o'clock o’clock heures heure horas hora ore uur часов час".split())

# Scale words after digits: "3,5 Millionen", "2 billion".
SCALES: dict[str, dict[str, float]] = {
    "en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
           "bn": 1e9, "m": 1e6, "k": 1e3},
    "de": {"tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9,
           "mrd": 1e9, "billion": 1e12, "billionen": 1e12},
    "fr": {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9},
    "es": {"mil": 1e3, "millón": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9},
    "it": {"mila": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9},
    "pt": {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9, "milhar": 1e3},
    "nl": {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9},
    "ru": {"тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
           "миллионов": 1e6, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9},
    "uk": {"тис": 1e3, "тисяча": 1e3, "тисячі": 1e3, "тисяч": 1e3, "млн": 1e6, "мільйон": 1e6, "мільйони": 1e6,
           "мільйона": 1e6, "мільйонів": 1e6, "млрд": 1e9, "мільярд": 1e9, "мільярди": 1e9, "мільярдів": 1e9},
    "pl": {"tys": 1e3, "tysiąc": 1e3, "tysiące": 1e3, "tysięcy": 1e3, "tysiąca": 1e3, "mln": 1e6, "milion": 1e6,
           "miliony": 1e6, "milionów": 1e6, "miliona": 1e6, "mld": 1e9, "miliard": 1e9, "miliardy": 1e9,
           "miliardów": 1e9, "miliarda": 1e9},
    # ("2,5 milionu": after a decimal, the genitive singular)
    "cs": {"tis": 1e3, "tisíc": 1e3, "tisíce": 1e3, "mil": 1e6, "mln": 1e6, "milion": 1e6,
           "miliony": 1e6, "milionů": 1e6, "milionu": 1e6, "mld": 1e9, "miliarda": 1e9, "miliardy": 1e9,
           "miliard": 1e9, "miliardu": 1e9, "miliardů": 1e9},
    "sk": {"tis": 1e3, "tisíc": 1e3, "tisíca": 1e3, "mil": 1e6, "mln": 1e6, "milión": 1e6, "milióny": 1e6,
           "miliónov": 1e6, "milióna": 1e6, "mld": 1e9, "miliarda": 1e9, "miliardy": 1e9, "miliárd": 1e9},
    "tr": {"bin": 1e3, "milyon": 1e6, "milyar": 1e9, "trilyon": 1e12},
    "sv": {"tusen": 1e3, "miljon": 1e6, "miljoner": 1e6, "mn": 1e6, "miljard": 1e9, "miljarder": 1e9, "mdr": 1e9},
    "da": {"tusind": 1e3, "million": 1e6, "millioner": 1e6, "mio": 1e6, "milliard": 1e9, "milliarder": 1e9,
           "mia": 1e9},
    "no": {"tusen": 1e3, "million": 1e6, "millioner": 1e6, "mill": 1e6, "milliard": 1e9, "milliarder": 1e9,
           "mrd": 1e9},
    "ro": {"mii": 1e3, "milion": 1e6, "milioane": 1e6, "miliard": 1e9, "miliarde": 1e9, "mil": 1e6, "mld": 1e9},
    "hu": {"ezer": 1e3, "millió": 1e6, "milliárd": 1e9, "mrd": 1e9, "md": 1e9, "mln": 1e6},
    "ar": {"ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9},
    # Hindi counts in lakhs (100,000) and crores (10 million): "25 लाख" is 2.5 million
    "hi": {unicodedata.normalize("NFC", word): value for words, value in (
        ("हज़ार हजार", 1e3), ("लाख", 1e5), ("करोड़ करोड़ करोड", 1e7), ("अरब", 1e9), ("मिलियन", 1e6), ("बिलियन", 1e9))
        for word in words.split()},
}
# Chinese, Japanese and Korean count in myriads: "500万" is 5 million, "12亿" 1.2 billion,
# "500만" 5 million; the signs follow the digits (after "多"/"余", "more than": "1100多万").
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
# Languages written without spaces between words: their "words" are whole clauses, so
# word-level findings (what was left out, which word drifted) are not made for them.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})
CJK_SCALES: dict[str, float] = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
                                "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}
# "兆" is 10^12 in Japanese (and traditional Chinese), a million in mainland units ("兆瓦").
CJK_SCALES_MORE: dict[str, dict[str, float]] = {"ja": {"兆": 1e12}}
# Chinese numerals ("三人", "十二人受伤", "两千"), read as values.
CJK_DIGITS: dict[str, int] = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
                              "六": 6, "七": 7, "八": 8, "九": 9}
# Marks of the afternoon or evening before an hour ("下午5时", "午後5時", "오후 5시").
CJK_AFTERNOON = ("下午", "晚上", "傍晚", "晚", "午後", "오후", "저녁")
# ... and of the morning or night: with one of these (or the afternoon's), "点" after
# the digits is an hour ("凌晨2点", "上午11点"; alone "3点" may be points).
CJK_MORNING = ("凌晨", "上午", "早上", "清晨", "中午", "午前", "早晨", "오전", "새벽", "아침")

_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    # "-" where a month's name is also a common word: Romanian "mai" (more), Ukrainian
    # "лютий" (fierce); their other forms still count
    "pl": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień",
    "cs": "leden únor březen duben květen červen červenec srpen září říjen listopad prosinec",
    "sk": "január február marec apríl máj jún júl august september október november december",
    "uk": "січень - березень квітень травень червень липень серпень вересень жовтень листопад грудень",
    "ro": "ianuarie februarie martie aprilie - iunie iulie august septembrie octombrie noiembrie decembrie",
    "hu": "január február március április május június július augusztus szeptember október november december",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "no": "januar februar mars april mai juni juli august september oktober november desember",
    "fi": "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu",
    "el": "ιανουάριος φεβρουάριος μάρτιος απρίλιος μάιος ιούνιος ιούλιος αύγουστος σεπτέμβριος οκτώβριος "
          "νοέμβριος δεκέμβριος",
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември",
    "hr": "siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac",
    "he": "ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר",
    "hi": "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "id": "januari februari maret april mei juni juli agustus september oktober november desember",
}
# Inflected month forms ("3 июня", "5 maja", "w maju"): the same month.
_MONTH_FORMS: dict[str, tuple[str, ...]] = {
    "ru": ("января февраля марта апреля мая июня июля августа сентября октября ноября декабря",),
    "pl": ("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
           "styczniu lutym marcu kwietniu maju czerwcu lipcu sierpniu wrześniu październiku listopadzie grudniu"),
    "cs": ("ledna února března dubna května června července srpna září října listopadu prosince",
           "lednu únoru březnu dubnu květnu červnu červenci srpnu září říjnu listopadu prosinci"),
    "sk": ("januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra",
           "januári februári marci apríli máji júni júli auguste septembri októbri novembri decembri"),
    "uk": ("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
           "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні"),
    "hu": ("januárban februárban márciusban áprilisban májusban júniusban júliusban augusztusban szeptemberben "
           "októberben novemberben decemberben",
           # the adjective ("a júniusi látogatás", the visit in June)
           "januári februári márciusi áprilisi májusi júniusi júliusi augusztusi szeptemberi októberi novemberi "
           "decemberi"),
}
_MONTH_FORMS["ru"] += ("январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре",)
_MONTH_FORMS["pl"] += ("styczniem lutym marcem kwietniem majem czerwcem lipcem sierpniem wrześniem październikiem "
                       "listopadem grudniem",)
# Finnish cases of a month ("lokakuuta" in a date, "lokakuussa" in October, "lokakuun" of October)
_MONTH_FORMS["fi"] = tuple(" ".join(m + case for m in _MONTHS["fi"].split())
                           for case in ("ta", "ssa", "n", "hun", "sta", "lle", "lta", "lla"))
_MONTH_FORMS.update({
    "el": ("ιανουάριο φεβρουάριο μάρτιο απρίλιο μάιο ιούνιο ιούλιο αύγουστο σεπτέμβριο οκτώβριο νοέμβριο δεκέμβριο",
           "ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου ιουλίου αυγούστου σεπτεμβρίου οκτωβρίου "
           "νοεμβρίου δεκεμβρίου",
           "γενάρη φλεβάρη μάρτη απρίλη μάη ιούνη ιούλη αυγούστου σεπτέμβρη οκτώβρη νοέμβρη δεκέμβρη"),
    "hr": ("siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",
           "siječnju veljači ožujku travnju svibnju lipnju srpnju kolovozu rujnu listopadu studenom prosincu",
           "- - - - - - - - - - studenog -",
           # the international names, as Bosnian and Serbian write them (read as Croatian)
           "januar februar mart april maj juni juli august septembar oktobar novembar decembar",
           "januara februara marta aprila maja juna jula augusta septembra oktobra novembra decembra"),
    "he": ("- - מרס - - - - - - - - -",),
    "hi": ("जनवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितम्बर अक्तूबर नवम्बर दिसम्बर",),
})
# (read beside a date's digits only: `TIME_WORD_AFTER`)
_MONTH_FORMS["ro"] = ("- - - - mai - - - - - - -",)
_MONTH_FORMS["uk"] += ("- лютий - - - - - - - - - -",)
_MONTH_FORMS["cs"] += ("lednem únorem březnem dubnem květnem červnem červencem srpnem zářím říjnem listopadem "
                       "prosincem",)
_WEEKDAYS = {
    "en": "monday tuesday wednesday thursday friday saturday sunday",
    "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "ru": "понедельник вторник среда четверг пятница суббота воскресенье",
    "pl": "poniedziałek wtorek środa czwartek piątek sobota niedziela",
    "cs": "pondělí úterý středa čtvrtek pátek sobota neděle",
    "sk": "pondelok utorok streda štvrtok piatok sobota nedeľa",
    "uk": "понеділок вівторок середа четвер п'ятниця субота неділя",
    "ro": "- marți miercuri joi vineri sâmbătă duminică",  # "luni" is also "months"
    "hu": "hétfő kedd szerda csütörtök péntek szombat vasárnap",
    "sv": "måndag tisdag onsdag torsdag fredag lördag söndag",
    "da": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "no": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "fi": "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai",
    "el": "δευτέρα τρίτη τετάρτη πέμπτη παρασκευή σάββατο κυριακή",
    "bg": "понеделник вторник сряда четвъртък петък събота неделя",
    "hr": "ponedjeljak utorak srijeda četvrtak petak subota nedjelja",
    "hi": "सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार",
    "id": "senin selasa rabu kamis jumat sabtu minggu",
    # Hebrew says "day two" ("יום שני"), Vietnamese "thứ Hai": read in two words (`TWO_WORD_WEEKDAYS`)
}
_WEEKDAY_FORMS: dict[str, tuple[str, ...]] = {
    "ru": ("понедельник вторник среду четверг пятницу субботу воскресенье",),
    "pl": ("poniedziałek wtorek środę czwartek piątek sobotę niedzielę",),
    "cs": ("pondělí úterý středu čtvrtek pátek sobotu neděli",),
    "sk": ("pondelok utorok stredu štvrtok piatok sobotu nedeľu",),
    "uk": ("понеділок вівторок середу четвер п'ятницю суботу неділю",
           "понеділок вівторок середа четвер п’ятниця субота неділя", "понеділок вівторок середу четвер п’ятницю суботу неділю"),
    "ro": ("- marţi miercuri joi vineri sâmbătă duminică",),
    "hu": ("hétfőn kedden szerdán csütörtökön pénteken szombaton vasárnap",
           "hétfőig keddig szerdáig csütörtökig péntekig szombatig vasárnapig"),
    "sv": ("måndags tisdags onsdags torsdags fredags lördags söndags",  # "i måndags": last Monday
           "måndagen tisdagen onsdagen torsdagen fredagen lördagen söndagen"),
    "da": ("mandagen tirsdagen onsdagen torsdagen fredagen lørdagen søndagen",),
    "no": ("mandagen tirsdagen onsdagen torsdagen fredagen lørdagen søndagen",),
    "fi": (*(" ".join(day + case for day in "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai".split())
             for case in ("na", "n", "sta", "sin")),
           "maanantaihin tiistaihin keskiviikkoon torstaihin perjantaihin lauantaihin sunnuntaihin"),
    "el": ("δευτέρας τρίτης τετάρτης πέμπτης παρασκευής σαββάτου κυριακής",),
    "bg": ("понеделника вторника срядата четвъртъка петъка съботата неделята",),
    "hr": ("ponedjeljak utorak srijedu četvrtak petak subotu nedjelju",
           "ponedjeljka utorka srijede četvrtka petka subote nedjelje",
           "ponedeljak utorak sreda četvrtak petak subota nedelja", "ponedeljak utorak sredu četvrtak petak subotu "
           "nedelju"),
    "hi": ("- - - बृहस्पतिवार - - -",),
    "id": ("- - - - jum'at - -",),
}
# ... and "until Thursday" (genitive): "do czwartku", "do čtvrtka", "до субботы"
_WEEKDAY_FORMS["pl"] += ("poniedziałku wtorku środy czwartku piątku soboty niedzieli",)
_WEEKDAY_FORMS["cs"] += ("pondělí úterý středy čtvrtka pátku soboty neděle",)
_WEEKDAY_FORMS["sk"] += ("pondelka utorka stredy štvrtka piatka soboty nedele",)
_WEEKDAY_FORMS["uk"] += ("понеділка вівторка середи четверга п'ятниці суботи неділі",
                         "понеділка вівторка середи четверга п’ятниці суботи неділі")
_WEEKDAY_FORMS["ru"] += ("понедельника вторника среды четверга пятницы субботы воскресенья",)
# Forms that are also common words count only after these words: Czech/Slovak "středu"
# is "the centre" after "do" ("on Wednesday" is "ve středu"), Russian "среду"/"среда" is
# "the environment", Czech "září" "shines".
TIME_WORD_AFTER: dict[str, dict[str, frozenset[str]]] = {
    "cs": {"středu": frozenset("ve každou příští minulou tuto na".split()),
           "září": frozenset("v od do během koncem začátkem polovině".split())},
    "sk": {"stredu": frozenset("v vo každú budúcu minulú túto na".split())},
    "ru": {"среду": frozenset("в во на каждую эту прошлую следующую".split()), "среда": frozenset()},
    "uk": {"середу": frozenset("в у на кожну цю минулу наступну".split()), "середа": frozenset(),
           "лютий": frozenset()},
    # Croatian "studeni" is also "cold"; Indonesian "minggu" also "week"
    # Romanian "mai" is also "more", Ukrainian "лютий" also "fierce": months beside a date's digits only
    "ro": {"mai": frozenset()},
    "hr": {word: frozenset("u od do početkom krajem sredinom tijekom".split())
           for word in ("studeni", "studenom", "studenoga", "studenog")},
    "id": {"minggu": frozenset({"hari"})},
}
# Weekdays said in two words: Hebrew "יום שני" (day two, Monday; "ביום שני" on Monday),
# Vietnamese "thứ Hai" (the second day) and "Chủ nhật" (Sunday), with the weekday's number.
TWO_WORD_WEEKDAYS: dict[str, dict[str, dict[str, int]]] = {
    "he": {"יום": {"ראשון": 6, "שני": 0, "שלישי": 1, "רביעי": 2, "חמישי": 3, "שישי": 4, "שבת": 5}},
    "vi": {"thứ": {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}, "chủ": {"nhật": 6}},
}
# One-letter words Hebrew writes onto the next ("באוקטובר" in October, "ביום" on the day).
HEBREW_PREFIXES = "בלמוהכש"
# Two-word yesterday/today/tomorrow of Swedish, Danish and Norwegian ("i går", "i dag").
TWO_WORD_DAYS: dict[str, dict[str, int]] = {
    "sv": {"går": -1, "dag": 0, "kväll": 0, "morgon": 1},
    "da": {"går": -1, "dag": 0, "aften": 0, "morgen": 1},
    "no": {"går": -1, "dag": 0, "kveld": 0, "morgen": 1},
}
TWO_WORD_DAYS["nb"] = TWO_WORD_DAYS["nn"] = TWO_WORD_DAYS["no"]
# Frequency words by period: daily / weekly / monthly / yearly.
_FREQUENCY = {
    "en": (("daily",), ("weekly",), ("monthly",), ("yearly", "annual", "annually")),
    "de": (("täglich", "tägliche", "täglichen", "täglicher", "tägliches"),
           ("wöchentlich", "wöchentliche", "wöchentlichen", "wöchentlicher", "wöchentliches"),
           ("monatlich", "monatliche", "monatlichen", "monatlicher", "monatliches"),
           ("jährlich", "jährliche", "jährlichen", "jährlicher", "jährliches")),
    "fr": (("quotidien", "quotidienne", "quotidiens", "quotidiennes", "quotidiennement"),
           ("hebdomadaire", "hebdomadaires"), ("mensuel", "mensuelle", "mensuels", "mensuelles"),
           ("annuel", "annuelle", "annuels", "annuelles")),
    "es": (("diario", "diaria", "diarios", "diarias", "diariamente"), ("semanal", "semanales"),
           ("mensual", "mensuales"), ("anual", "anuales")),
    "it": (("quotidiano", "quotidiana", "quotidiani", "quotidiane"), ("settimanale", "settimanali"),
           ("mensile", "mensili"), ("annuale", "annuali")),
    "pt": (("diário", "diária", "diários", "diárias"), ("semanal", "semanais"), ("mensal", "mensais"),
           ("anual", "anuais")),
    "nl": (("dagelijks", "dagelijkse"), ("wekelijks", "wekelijkse"), ("maandelijks", "maandelijkse"),
           ("jaarlijks", "jaarlijkse")),
    "ru": (("ежедневно", "ежедневный", "ежедневная", "ежедневное", "ежедневные", "ежедневного", "ежедневной",
            "ежедневным"),
           ("еженедельно", "еженедельный", "еженедельная", "еженедельное", "еженедельные", "еженедельного",
            "еженедельной", "еженедельным"),
           ("ежемесячно", "ежемесячный", "ежемесячная", "ежемесячное", "ежемесячные", "ежемесячного"),
           ("ежегодно", "ежегодный", "ежегодная", "ежегодное", "ежегодные", "ежегодного")),
}
PERIODS = ("day", "week", "month", "year")

# Chinese, Japanese and Korean weekdays and frequency words, found in the text (Chinese
# and Japanese write no spaces; Korean attaches particles: "월요일에"). A Chinese "周一"
# after a numeral is "once a week" ("一周一次"), not Monday, and "每周" before a weekday is
# "every Monday", not "weekly".
CJK_TIME_WORDS: dict[str, re.Pattern[str]] = {
    "zh": re.compile(r"(?<![0-9一二两三四五六七八九十几每])(?:星期|礼拜|禮拜|周|週)([一二三四五六日天])"
                     r"|(每天|每日|天天|每周|每週|每星期|每个月|每個月|每月|每年)(?![一二三四五六日天末])"
                     r"|(前天|昨天|昨日|今天|(?<!至)今日(?!头条|頭條)|今晚|明天|明日|后天|後天)"),
    "ja": re.compile(r"([月火水木金土日])曜日?|(毎日(?!新聞)|毎週|毎月|毎年)"
                     r"|(一昨日|おととい|昨日|きのう|本日|今日|きょう|今夜|今晩|明日(?!香)|あした|明後日|あさって)"),
    "ko": re.compile(r"([월화수목금토일])요일|(매일(?!경제|신문)|매주|매달|매월|매년)|(그저께|그제|어제|오늘|내일|모레)"),
}
_CJK_RELATIVE_DAY = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "今晚": 0, "明天": 1, "明日": 1,
                     "后天": 2, "後天": 2, "一昨日": -2, "おととい": -2, "きのう": -1, "きょう": 0, "今夜": 0, "今晩": 0,
                     "あした": 1, "明後日": 2, "本日": 0, "あさって": 2, "그저께": -2, "그제": -2, "어제": -1, "오늘": 0, "내일": 1,
                     "모레": 2}
_CJK_WEEKDAY = {**{ch: k for k, ch in enumerate("一二三四五六")}, "日": 6, "天": 6,
                **{ch: k for k, ch in enumerate("月火水木金土")}, **{ch: k for k, ch in enumerate("월화수목금토")},
                "일": 6}
_CJK_PERIOD = {"每天": "day", "每日": "day", "天天": "day", "每周": "week", "每週": "week", "每星期": "week",
               "每个月": "month", "每個月": "month", "每月": "month", "每年": "year", "毎日": "day", "毎週": "week",
               "毎月": "month", "毎年": "year", "매일": "day", "매주": "week", "매달": "month", "매월": "month",
               "매년": "year"}


def cjk_time_words(text: str, lang: str) -> list[tuple[int, int, tuple[str, str]]]:
    """(start, end, key) of each weekday, frequency word and yesterday/today/tomorrow of
    a Chinese, Japanese or Korean text, keys as `time_key` gives them: ("weekday", "0")
    for "星期一" / "月曜日" / "월요일", ("frequency", "day") for "每天" / "毎日" / "매일",
    ("relative day", "-1") for "昨天" / "昨日" / "어제"."""
    pattern = CJK_TIME_WORDS.get(lang)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if m.group(1):
            out.append((m.start(), m.end(), ("weekday", str(_CJK_WEEKDAY[m.group(1)]))))
        elif m.group(2):
            out.append((m.start(), m.end(), ("frequency", _CJK_PERIOD[m.group(2)])))
        else:
            out.append((m.start(), m.end(), ("relative day", str(_CJK_RELATIVE_DAY[m.group(3)]))))
    return out


def _table(source: dict[str, str]) -> dict[str, dict[str, int]]:
    return {lang: {unicodedata.normalize("NFC", w): k for k, w in enumerate(words.split())}
            for lang, words in source.items()}


MONTHS = _table(_MONTHS)
WEEKDAYS = _table(_WEEKDAYS)
for _lang, _all_forms in _MONTH_FORMS.items():
    for _form in _all_forms:
        MONTHS[_lang].update(_table({_lang: _form})[_lang])
for _lang, _all_forms in _WEEKDAY_FORMS.items():
    for _form in _all_forms:
        WEEKDAYS[_lang].update(_table({_lang: _form})[_lang])
for _by_lang in (MONTHS, WEEKDAYS):
    for _words in _by_lang.values():
        _words.pop("-", None)  # the places of names that are also common words
    _by_lang["nb"] = _by_lang["nn"] = _by_lang["no"]
# Languages whose time words are read (months, weekdays, frequency words, yesterday/today/tomorrow).
TIME_LANGUAGES = frozenset(MONTHS) | frozenset(CJK_TIME_WORDS) | frozenset(TWO_WORD_WEEKDAYS)


@functools.lru_cache(maxsize=512)
def _cldr_time_words(lang: str) -> tuple[dict[str, int], dict[str, int], bool]:
    """Month and weekday names (lower case, one word) of a language the tables above do not
    hold, from the Unicode CLDR as Babel ships it, in their format and stand-alone forms
    ("Haziran", "Çarşamba"; Lithuanian "birželio" and "birželis"); and whether the language
    writes months with a capital. Empty for a language CLDR does not know."""
    try:
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_day_names, get_month_names
    except ImportError:  # pragma: no cover - Babel ships with trafilatura
        return {}, {}, False
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}, {}, False
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    capitals = False
    for context in ("format", "stand-alone"):
        for number, name in get_month_names("wide", context, lang).items():
            capitals = capitals or (context == "format" and name[:1].isupper())
            if " " not in name and not any(ch.isdigit() for ch in name):
                months.setdefault(unicodedata.normalize("NFC", name.lower()), number - 1)
        for number, name in get_day_names("wide", context, lang).items():  # 0 is Monday
            if " " not in name:
                weekdays.setdefault(unicodedata.normalize("NFC", name.lower()), number)
    return months, weekdays, capitals


def _months_of(lang: str) -> dict[str, int]:
    return MONTHS.get(lang, {}) if lang in TIME_LANGUAGES else _cldr_time_words(lang)[0]


def _weekdays_of(lang: str) -> dict[str, int]:
    return WEEKDAYS.get(lang, {}) if lang in TIME_LANGUAGES else _cldr_time_words(lang)[1]


# Languages that set a proper noun's endings off with an apostrophe (Turkish "Haziran'da").
APOSTROPHE_SUFFIXES = frozenset({"tr", "az"})


def _cldr_form(word: str, months: dict[str, int], weekdays: dict[str, int], lang: str = "") -> str:
    """The CLDR name an inflected word is a form of, or the word: a suffix after an
    apostrophe ("haziran'da", in June), or a case ending on the name's first letters
    (Estonian "kolmapäeval" of "kolmapäev", Lithuanian "trečiadienį" of "trečiadienis",
    Slovenian "sredo" of "sreda"): names of five letters or more, sharing all but their last
    letter (all but two from seven letters on), at most four letters longer; not in the
    languages that set endings off with an apostrophe."""
    head = word.split("'", 1)[0].split("’", 1)[0]
    if head != word and (head in months or head in weekdays):
        return head
    if lang in APOSTROPHE_SUFFIXES:  # their names take endings after an apostrophe only ("Pazar'a";
        return word                   # "pazarlık" is bargaining)
    best = ""
    for name in (*months, *weekdays):
        shared = len(name) - (2 if len(name) >= 7 else 1)  # "sredo" of "sreda", "aprila" of "april"
        if len(name) >= 5 and len(best) < len(name) and len(word) <= len(name) + 4 \
                and word[:shared] == name[:shared]:
            best = name
    return best or word


def time_words_known(lang: str) -> bool:
    """Are the month and weekday names of `lang` read (from the tables, or from CLDR)?"""
    return bool(lang) and (lang in TIME_LANGUAGES or bool(_cldr_time_words(lang)[0]))


def capitalises_months(lang: str) -> bool:
    """Does `lang` write the names of months with a capital ("October", "Oktober", "Ekim")?"""
    return lang in CAPITALISED_MONTHS or (lang not in TIME_LANGUAGES and _cldr_time_words(lang)[2])


# Languages of the tables that write the names of months with a capital.
CAPITALISED_MONTHS = frozenset({"en", "de", "el", "id"})


def facts_checked(lang: str) -> bool:
    """Are the numbers, dates and negations of `lang` read (its number format, time
    words and negation cues are in the tables)?"""
    return number_format_known(lang) and time_words_known(lang) and (lang in NEGATIONS or lang in CJK_LANGUAGES)
FREQUENCIES: dict[str, dict[str, str]] = {
    lang: {w: PERIODS[k] for k, words in enumerate(groups) for w in words} for lang, groups in _FREQUENCY.items()}


# Yesterday / today / tomorrow, as days from today ("tonight" is today). Words that are
# also "morning" (German "Morgen", Spanish "la mañana", Dutch "de morgen") count only
# where they cannot be: German in lower case, Spanish and Dutch after no article.
_RELATIVE_DAYS: dict[str, dict[str, int]] = {
    "en": {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1},
    "de": {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2},
    "fr": {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "aujourd": 0, "demain": 1,
           "après-demain": 2},
    "es": {"anteayer": -2, "ayer": -1, "hoy": 0, "mañana": 1},
    "it": {"ieri": -1, "oggi": 0, "stasera": 0, "domani": 1, "dopodomani": 2},
    "pt": {"anteontem": -2, "ontem": -1, "hoje": 0, "amanhã": 1},
    "nl": {"eergisteren": -2, "gisteren": -1, "vandaag": 0, "vanavond": 0, "morgen": 1, "overmorgen": 2},
    "ru": {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2},
    "pl": {"przedwczoraj": -2, "wczoraj": -1, "dziś": 0, "dzisiaj": 0, "jutro": 1, "pojutrze": 2},
    "cs": {"předevčírem": -2, "včera": -1, "dnes": 0, "zítra": 1, "pozítří": 2},
    "sk": {"predvčerom": -2, "včera": -1, "dnes": 0, "zajtra": 1, "pozajtra": 2},
    "uk": {"позавчора": -2, "вчора": -1, "учора": -1, "сьогодні": 0, "завтра": 1, "післязавтра": 2},
    "ro": {"alaltăieri": -2, "ieri": -1, "azi": 0, "astăzi": 0, "mâine": 1, "poimâine": 2},
    "hu": {"tegnapelőtt": -2, "tegnap": -1, "ma": 0, "holnap": 1, "holnapután": 2},
    "sv": {"igår": -1, "idag": 0, "ikväll": 0, "imorgon": 1},
    "fi": {"toissapäivänä": -2, "eilen": -1, "tänään": 0, "huomenna": 1, "ylihuomenna": 2},
    "el": {"προχθές": -2, "χθες": -1, "χτες": -1, "σήμερα": 0, "απόψε": 0, "αύριο": 1, "μεθαύριο": 2},
    "bg": {"вчера": -1, "днес": 0, "довечера": 0, "утре": 1, "вдругиден": 2},
    "hr": {"prekjučer": -2, "jučer": -1, "danas": 0, "večeras": 0, "sutra": 1, "prekosutra": 2},
    "he": {"שלשום": -2, "אתמול": -1, "הערב": 0, "מחר": 1, "מחרתיים": 2},
    "hi": {"आज": 0},  # "कल" is yesterday and tomorrow
    "id": {"kemarin": -1, "besok": 1, "lusa": 2},
}
_MORNING_AFTER = {"es": frozenset("la esta una cada media".split()),
                  "nl": frozenset("de deze elke 's hele een".split())}


def relative_day(word: str, lang: str, text: str = "", previous: str = "") -> str | None:
    """Days from today ("-1") of a yesterday/today/tomorrow word (`word` in lower case,
    `text` as written, `previous` the word before it in lower case), or None."""
    day = _RELATIVE_DAYS.get(lang, {}).get(word)
    if day is None or (word == "morgen" and lang == "de" and text != "morgen") \
            or previous in _MORNING_AFTER.get(lang, ()):
        return None
    return str(day)


def time_key(word: str, lang: str) -> tuple[str, str] | None:
    """("month", "6") for "Juni" in German, ("weekday", "0") for "lundi", ("frequency",
    "week") for "weekly"; None for other words. `word` is lower case. Hebrew words
    are also read without the one-letter words written onto them ("באוקטובר")."""
    if not word.isascii():  # "फ़रवरी" is written with its dot apart or composed
        word = unicodedata.normalize("NFC", word)
    if lang == "he" and word not in MONTHS["he"]:
        for cut in (1, 2):
            if len(word) > cut + 2 and all(ch in HEBREW_PREFIXES for ch in word[:cut]) and word[cut:] in MONTHS["he"]:
                word = word[cut:]
                break
    months, weekdays = _months_of(lang), _weekdays_of(lang)
    if word not in months and word not in weekdays and lang not in TIME_LANGUAGES and (months or weekdays):
        word = _cldr_form(word, months, weekdays, lang)
    if word in months:
        return "month", str(months[word])
    if word in weekdays:
        return "weekday", str(weekdays[word])
    if word in FREQUENCIES.get(lang, {}):
        return "frequency", FREQUENCIES[lang][word]
    return None


def function_words(lang: str) -> frozenset[str]:
    """Words of `lang` that carry no content of their own (never "lost")."""
    if lang == "en":
        return frozenset(STOPWORDS)
    return lexicon.FOREIGN_FUNCTION_WORDS.get(lang, frozenset()) | _EXTRA_FUNCTION_WORDS.get(lang, frozenset())


_EXTRA_FUNCTION_WORDS = {
    "de": frozenset("des im am vom zum zur beim ins ans dass daß als wenn ob oder aber sondern denn doch nur "
                    "er sie es wir ihr ich du man sein seine seiner seinem seinen ihre ihrer ihrem ihren "
                    "hat haben hatte hatten war waren kann können konnte soll sollte will wollte muss "
                    "müssen dies diesem diesen jedoch laut so da hier dort dann wo was wer welche welcher "
                    "welches um an in bis ab vor hinter neben".split()),
    "fr": frozenset("à cet ce ces mon ma mes ton ta tes son lui leur y on si quand où comme".split()),
    "es": frozenset("al lo le les se su mi tu nos a ha han había si cuando donde".split()),
    "ru": frozenset("и в во на с со по к ко о об от до из за для что как это этот эта эти он она они мы вы "
                    "я его ее её их был была были было будет также но а же ли бы уже".split()),
}


# Number words of languages text2num does not read, with their case forms: 2 to 10,
# 12, 20 and 100, the numbers news writes in words. "One" is left out (in most of
# these it is also the indefinite article: en/ett, egy, un/o), and so are forms that are
# other common words too: Russian "семью" (family), Hungarian "hat" (affects) and "hét"
# (week), Romanian "nouă" (new).
_NUMBER_WORD_FORMS: dict[str, dict[int, str]] = {
    # with the collective numerals ("трое" three people, "troje dzieci", "trzej mężczyźni")
    "ru": {2: "два две двух двум двумя двое двоих", 3: "три трёх трех трём трем тремя трое троих",
           4: "четыре четырёх четырех четырём четырем четырьмя четверо четверых", 5: "пять пяти пятью пятеро пятерых",
           6: "шесть шести шестью шестеро", 7: "семь семи семеро", 8: "восемь восьми восемью",
           9: "девять девяти девятью", 10: "десять десяти десятью десятеро", 12: "двенадцать двенадцати",
           20: "двадцать двадцати", 100: "сто"},
    "uk": {2: "два дві двох двом двома двоє", 3: "три трьох трьом трьома троє", 4: "чотири чотирьох чотирьом четверо",
           5: "п'ять п’ять п'яти п’яти п'ятеро п’ятеро", 6: "шість шести шестеро", 7: "сім семи семеро",
           8: "вісім восьми", 9: "дев'ять дев’ять дев'яти дев’яти", 10: "десять десяти", 12: "дванадцять",
           20: "двадцять двадцяти", 100: "сто"},
    "pl": {2: "dwa dwie dwóch dwu dwom dwoma dwiema dwaj dwoje dwojga", 3: "trzy trzech trzem trzema trzej troje trojga",
           4: "cztery czterech czterem czterema czterej czworo czworga", 5: "pięć pięciu pięcioro",
           6: "sześć sześciu sześcioro", 7: "siedem siedmiu", 8: "osiem ośmiu", 9: "dziewięć dziewięciu",
           10: "dziesięć dziesięciu", 12: "dwanaście dwunastu", 20: "dwadzieścia dwudziestu", 100: "sto stu"},
    "cs": {2: "dva dvě dvou dvěma", 3: "tři tří třem třemi", 4: "čtyři čtyř čtyřem čtyřmi", 5: "pět pěti",
           6: "šest šesti", 7: "sedm sedmi", 8: "osm osmi", 9: "devět devíti", 10: "deset deseti",
           12: "dvanáct dvanácti", 20: "dvacet dvaceti", 100: "sto"},
    "sk": {2: "dva dve dvaja dvoch dvom dvoma", 3: "tri traja troch trom tromi", 4: "štyri štyria štyroch štyrom "
           "štyrmi", 5: "päť piati piatich", 6: "šesť šiesti šiestich", 7: "sedem siedmi siedmich", 8: "osem ôsmi "
           "ôsmich", 9: "deväť deviati deviatich", 10: "desať desiati desiatich", 12: "dvanásť", 20: "dvadsať",
           100: "sto"},
    "sv": {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio", 10: "tio", 12: "tolv",
           20: "tjugo", 100: "hundra"},
    "da": {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "syv", 8: "otte", 9: "ni", 10: "ti", 12: "tolv",
           20: "tyve", 100: "hundrede"},
    "no": {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju syv", 8: "åtte", 9: "ni", 10: "ti",
           12: "tolv", 20: "tjue tyve", 100: "hundre"},
    "hu": {2: "két kettő kettőt ketten kétszer", 3: "három hármat hárman háromszor", 4: "négy négyet négyen négyszer",
           5: "öt ötöt öten ötször", 6: "hatan hatot hatszor", 7: "heten hétszer", 8: "nyolc nyolcat nyolcan nyolcszor",
           9: "kilenc kilencet kilencen kilencszer", 10: "tíz tízet tízen tízszer", 12: "tizenkét tizenkettő",
           20: "húsz húszat", 100: "száz"},
    "ro": {2: "doi două", 3: "trei", 4: "patru", 5: "cinci", 6: "șase şase", 7: "șapte şapte", 8: "opt",
           10: "zece", 12: "doisprezece douăsprezece", 20: "douăzeci", 100: "sută"},
}
_NUMBER_WORD_FORMS["nb"] = _NUMBER_WORD_FORMS["nn"] = _NUMBER_WORD_FORMS["no"]
NUMBER_WORDS: dict[str, dict[str, float]] = {
    lang: {form: float(value) for value, forms in table.items() for form in forms.split()}
    for lang, table in _NUMBER_WORD_FORMS.items()}


def number_words_complete(lang: str) -> bool:
    """Are all of `lang`'s number words read (text2num, Chinese/Japanese numerals), so that
    a number the candidate does not have in digits or words is surely missing?"""
    return lang in TEXT2NUM_LANGUAGES or lang in ("zh", "ja")


def number_words_known(lang: str) -> bool:
    """Are `lang`'s number words read (by text2num, the tables above, or as
    Chinese/Japanese numerals)?"""
    return number_words_complete(lang) or lang in NUMBER_WORDS


@functools.lru_cache(maxsize=65536)
def number_word(word: str, lang: str) -> float | None:
    """The value of a number word of `lang` ("fünfundzwanzig" -> 25, "třemi" -> 3), or None."""
    if lang in NUMBER_WORDS:
        return NUMBER_WORDS[lang].get(word)
    if lang not in TEXT2NUM_LANGUAGES or word in WEAK_NUMBER_WORDS.get(lang, ()) \
            or not word.replace("-", "").isalpha():
        return None
    if len(word) < 3 or word in SCALES.get(lang, {}) or word in VAGUE_AMOUNTS:
        return None  # a scale alone ("Millionen", "thousand") is read with its digits
    try:
        from text_to_num import text2num

        return float(text2num(word.replace("-", " ") if lang != "en" else word, lang))
    except (ValueError, ImportError):
        return None


# Spelling alone: "Wladimir" for "Vladimir", "Selenskyj" for "Zelensky".
NAME_SPELLING = 0.72


# Cyrillic in Latin letters, as English news spells Russian and Ukrainian names.
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi",
                      "ye", "g"], strict=True))


# Greek in Latin letters, as English news spells Greek names and Greek spells foreign
# ones ("Πούτιν" Putin, "Ντμίτρι" Dmitri, "Μητσοτάκης" Mitsotakis): pairs of letters first.
_GREEK_PAIRS = (("ου", "u"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("αι", "e"), ("ει", "i"),
                ("οι", "i"), ("τσ", "ts"), ("τζ", "dz"))
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                  ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s",
                   "t", "i", "f", "ch", "ps", "o"], strict=True))


# Devanagari in Latin letters, for names ("मारिया लिंडक्विस्ट" / "Maria Lindqvist"): a
# consonant carries "a" unless a vowel sign or the virama follows it, or it ends the word.
_DEVANAGARI_CONSONANTS = dict(zip(
    "क ख ग घ ङ च छ ज झ ञ ट ठ ड ढ ण त थ द ध न प फ ब भ म य र ल व श ष स ह".split(),
    "k kh g gh n ch chh j jh n t th d dh n t th d dh n p f b bh m y r l v sh sh s h".split(),
    strict=True))
_DEVANAGARI_VOWELS = dict(zip("अ आ इ ई उ ऊ ए ऐ ओ औ ऋ ऑ".split(), "a a i i u u e ai o au ri o".split(), strict=True))
_DEVANAGARI_SIGNS = dict(zip("ा ि ी ु ू े ै ो ौ ृ ॉ ॅ".split(), "a i i u u e ai o au ri o e".split(), strict=True))
_DEVANAGARI_NASAL = {"ं": "n", "ँ": "n", "ः": "h"}
_VIRAMA = "्"
_NUKTA = "\u093c"
_DEVANAGARI_CONSONANTS.update({"ज" + _NUKTA: "z", "फ" + _NUKTA: "f", "ड" + _NUKTA: "r", "ढ" + _NUKTA: "rh",
                               "क" + _NUKTA: "k", "ख" + _NUKTA: "kh", "ग" + _NUKTA: "g"})


def devanagari_latin(word: str) -> str:
    """`word` with its Devanagari letters in Latin ones ("बाइडेन" -> "baiden", "ज़ेलेंस्की" ->
    "zelenski")."""
    word = unicodedata.normalize("NFC", word)
    out: list[str] = []
    k = 0
    while k < len(word):
        ch = word[k]
        if ch in _DEVANAGARI_CONSONANTS:
            if k + 1 < len(word) and word[k + 1] == _NUKTA:  # ज + ़ is ज़ (z)
                out.append(_DEVANAGARI_CONSONANTS.get(ch + _NUKTA, _DEVANAGARI_CONSONANTS[ch]))
                k += 1
            else:
                out.append(_DEVANAGARI_CONSONANTS[ch])
            nxt = word[k + 1] if k + 1 < len(word) else ""
            if nxt and "\u0900" <= nxt <= "\u097f" and nxt not in _DEVANAGARI_SIGNS and nxt != _VIRAMA:
                out.append("a")  # the inherent vowel, before another letter
        elif ch in _DEVANAGARI_VOWELS:
            out.append(_DEVANAGARI_VOWELS[ch])
        elif ch in _DEVANAGARI_SIGNS:
            out.append(_DEVANAGARI_SIGNS[ch])
        elif ch in _DEVANAGARI_NASAL:
            out.append(_DEVANAGARI_NASAL[ch])
        elif ch not in (_VIRAMA, _NUKTA):
            out.append(ch)
        k += 1
    return "".join(out)


# Latin letters that Unicode does not decompose into a base letter and a mark: Turkish
# "Yıldız" is English "Yildiz", Polish "Wałęsa" is "Walesa", Danish "Søren" is "Soren".
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                               "þ": "th", "ħ": "h"})


def fold(word: str) -> str:
    """Lower case without accents, Cyrillic, Greek and Devanagari in Latin letters, for
    spelling comparisons across languages."""
    low = word.lower()
    if any("\u0900" <= ch <= "\u097f" for ch in low):
        low = devanagari_latin(low)
    if any("а" <= ch <= "я" or ch in "ёіїєґ" for ch in low):
        low = "".join(_CYRILLIC.get(ch, ch) for ch in low)
    if any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in low):
        low = "".join(ch for ch in unicodedata.normalize("NFD", low) if not unicodedata.combining(ch))
        for greek, latin in _GREEK_PAIRS:
            low = low.replace(greek, latin)
        low = "".join(_GREEK.get(ch, ch) for ch in low)
    decomposed = unicodedata.normalize("NFKD", low).translate(_UNDECOMPOSED)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("'s", "").replace("’s", "")


# How languages spell the same sounds: German "dsch" and English "j", "w" and "v"...
_SOUNDS = (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("zh", "j"), ("ph", "f"), ("w", "v"), ("c", "k"),
           ("z", "s"), ("j", "y"), ("ee", "i"), ("ie", "i"), ("ou", "u"), ("oo", "u"))


def sound(word: str) -> str:
    """A rough spelling of how a word sounds, shared across Latin-script languages."""
    out = fold(word)
    for a, b in _SOUNDS:
        out = out.replace(a, b)
    out = out.replace("h", "") if len(out) > 3 else out
    return re.sub(r"(.)\1+", r"\1", out)


def spelled_alike(a: str, b: str, nearly: bool = True) -> bool:
    """Two spellings of one name across languages: "Zelensky" / "Selenskyj", "Peskov" /
    "Песков", "Kevlar" in "Kevlar-Schnur"; Ukrainian Cyrillic read the Ukrainian way too
    ("Oleh" / "Олег", "Hryhorov" / "Григоров"). Without `nearly`: only sounding the
    same, or one inside the other."""
    return any(_spelled_alike(x, y, nearly) for x in _readings(a) for y in _readings(b))


def _readings(word: str) -> tuple[str, ...]:
    """A word, and where it is Cyrillic with "г" or "є", as Ukrainian names are written in
    Latin letters ("h", "ie": "Олег Синєгубов" / "Oleh Syniehubov")."""
    if not any(ch in "гГєЄ" for ch in word):
        return (word,)
    return (word, word.replace("г", "h").replace("Г", "H").replace("є", "ie").replace("Є", "Ye"))


def _spelled_alike(a: str, b: str, nearly: bool = True) -> bool:
    fa, fb = sound(a), sound(b)
    # a Czech or Slovak woman's name takes "-ová" that other languages leave off ("Carterová")
    if fa.endswith("ova") and not fb.endswith("ova") and len(fa) > 6:
        fa = fa[:-3]
    elif fb.endswith("ova") and not fa.endswith("ova") and len(fb) > 6:
        fb = fb[:-3]
    # the same, or one inside the other: "Kevlar" in "Kevlar-Schnur", "Tory" in "Tory-Hinterbänkler"
    if fa == fb or (len(fa) >= 4 and len(fb) >= 4 and (fa in fb or fb in fa)):
        return True
    return nearly and len(fa) >= 4 and difflib.SequenceMatcher(None, fa, fb).ratio() >= NAME_SPELLING


def main_script(text: str) -> str:
    """The script most letters of `text` are written in, by the first word of their
    Unicode names ("LATIN", "CYRILLIC", "CJK", "HIRAGANA", ...), or "" without letters.
    Kana count as CJK: Japanese mixes them with Han characters."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            script = "CJK" if script in ("HIRAGANA", "KATAKANA") else script
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""
