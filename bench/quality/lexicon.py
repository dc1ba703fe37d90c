"""Word lists the perturbations draw on (bench.quality.perturb).

Each table maps a phrase that occurs in the faithful rewrites of `bench.quality.data`
to the phrases it may become. Matching is on whole words and case-sensitive, so an
entry only fires where it was written for. The error each table produces:

* TIME_SWAPS: a date or time word replaced within its class (weekday, month,
  frequency, unit, season, part of the day);
* PEOPLE / PLACES / ORGANISATIONS / NATIONALITIES: a named entity swapped for
  another of the same kind;
* ANTONYMS: a word replaced by its opposite (polarity reversed without a negation);
* SUBSTITUTIONS: a content word replaced by another of the same topic and different
  meaning ("means" -> "money", "intelligence" -> "crew");
* NEGATION_REMOVALS: a negation removed (with the words it takes along);
* MINOR_EDITS: a shade of meaning lost (reporting verb, hedge, modifier);
* OK_EDITS: meaning-preserving rewordings (synonyms, number formats).
"""

from __future__ import annotations

NUMBER_WORD_SWAPS: dict[str, tuple[str, ...]] = {
    "two": ("three", "four"), "three": ("five", "four"), "four": ("six", "three"), "five": ("three", "seven"),
    "nine": ("seven", "eight"), "ten": ("twelve", "eight"), "first": ("second",), "third": ("second", "fourth"),
    "fourth": ("fifth", "third"), "tenth": ("fifth", "quarter"), "half": ("a third", "a quarter"),
    "double": ("triple",), "doubled": ("tripled",), "dozens": ("hundreds",), "million": ("billion",),
    "thousand": ("hundred",), "both": ("all three",),
}

TIME_SWAPS: dict[str, tuple[str, ...]] = {
    "Monday": ("Tuesday", "Friday"), "Tuesday": ("Thursday", "Monday"), "Wednesday": ("Friday", "Monday"),
    "Thursday": ("Tuesday", "Saturday"), "Friday": ("Monday", "Wednesday"), "Saturday": ("Sunday", "Friday"),
    "Sunday": ("Saturday", "Monday"),
    "January": ("March", "July"), "March": ("May", "April"), "June": ("July", "September"),
    "November": ("October", "September"), "December": ("January", "February"),
    "weekly": ("daily", "monthly"), "decade": ("century", "year"), "years": ("months", "decades"),
    "year": ("month", "decade"), "months": ("weeks", "years"), "weeks": ("months", "days"),
    "week": ("month", "day"), "day": ("week", "month"), "fortnight": ("month", "week"),
    "weekend": ("week",), "winter": ("summer", "spring"), "season": ("year",),
    "Early": ("Late",), "overnight": ("on Sunday",), "long time": ("short time",),
}

PEOPLE: dict[str, tuple[str, ...]] = {
    "Elena Duarte": ("Ana Ferreira", "Rui Costa"), "Sofia Marino": ("Christine Vogel", "Paolo Bianchi"),
    "Ramon Vidal": ("Carla Reyes", "Jorge Castillo"), "Carla Reyes": ("Ramon Vidal", "Lucia Morales"),
    "Amira Haddad": ("Nadia Karim", "Hans Kluge"), "Martin Kessler": ("Thomas Berger", "Ulrike Brandt"),
    "Kwame Asante": ("Kofi Mensah", "Yaw Boateng"), "Asante": ("Mensah", "Boateng"),
    "Luis Ortega": ("Diego Rivera", "Sergio Conceicao"), "Hanna Lindqvist": ("Ingrid Holm", "Erik Sandberg"),
    "Lindqvist": ("Holm", "Sandberg"), "Olga Petrova": ("Irina Volkova", "Nikos Dimas"),
    "Pierre Lambert": ("Claude Moreau", "Annalena Weiss"), "Greta Fischer": ("Ute Wagner", "Claus Weselsky"),
    "Kenji Sato": ("Hiro Tanaka", "Walter Alva"), "Sato": ("Tanaka", "Alva"),
}
PLACES: dict[str, tuple[str, ...]] = {
    "Lisbon": ("Porto", "Madrid"), "Rua Augusta": ("Avenida da Liberdade", "Rua do Carmo"),
    "Valencia": ("Seville", "Malaga"), "Mediterranean": ("Atlantic", "Baltic"), "Europe": ("Asia", "Africa"),
    "Romania": ("Bulgaria", "Moldova"), "Kazakhstan": ("Uzbekistan", "Turkey"), "Lyon": ("Marseille", "Bordeaux"),
    "Evia": ("Crete", "Rhodes"), "Italy": ("Spain", "Turkey"), "Cyprus": ("Malta", "Croatia"),
    "Brussels": ("Luxembourg", "Strasbourg"), "Hungary": ("Slovakia", "Austria"), "Germany": ("France", "Spain"),
    "United States": ("United Kingdom", "Netherlands"), "Trujillo": ("Arequipa", "Cusco"),
    "Andes": ("Amazon", "Caribbean"), "Rotterdam": ("Utrecht", "Antwerp"),
}
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "European Central Bank": ("Bank of England", "International Monetary Fund"), "ECB": ("IMF", "OECD"),
    "World Health Organization": ("World Bank", "Red Cross"), "WHO": ("UNICEF", "UN"),
    "Organization of American States": ("United Nations", "European Union"), "Ajax": ("Feyenoord", "PSV"),
    "Benfica": ("Sporting", "Braga"), "Porto": ("Braga", "Sporting"), "Nordlys": ("Vindel", "Spotify"),
    "European Union": ("African Union", "Council of Europe"), "EU": ("NATO", "G7"), "GDL": ("EVG", "Verdi"),
    "Deutsche Bahn": ("Lufthansa", "Siemens"),
}
NATIONALITIES: dict[str, tuple[str, ...]] = {
    "Spanish": ("Portuguese", "French"), "Chileans": ("Argentines", "Peruvians"), "Ghanaian": ("Nigerian", "Ivorian"),
    "Dutch": ("Belgian", "German"), "Swedish": ("Norwegian", "Danish"), "Greek": ("Turkish", "Italian"),
    "French": ("Belgian", "Swiss"), "German": ("Austrian", "Swiss"), "Peruvian": ("Bolivian", "Chilean"),
}

ANTONYMS: dict[str, tuple[str, ...]] = {
    "signed off on": ("rejected", "blocked"), "praised": ("criticised", "condemned"), "damage": ("boost",),
    "voted against": ("voted for",), "shut": ("open",), "More storms": ("Fewer storms",),
    "more frequent": ("less frequent", "rarer"), "heats up": ("cools down",), "increased": ("decreased", "fell"),
    "rise": ("fall", "decline"), "dropped": ("rose", "increased"), "largest": ("smallest", "lowest"),
    "severe": ("mild",), "extra": ("fewer",), "hardest-hit": ("least affected",), "higher": ("lower",),
    "lowering": ("raising",), "coming down": ("going up", "rising"), "calmly": ("nervously",),
    "high": ("low",), "mandatory": ("voluntary",), "recruit": ("dismiss",), "more police": ("fewer police",),
    "unusual": ("routine",), "costliest": ("cheapest",), "climbed": ("fell", "dropped"), "loss": ("profit",),
    "expanded": ("cut",), "too fast": ("too slowly",), "keep investing": ("stop investing",),
    "majority": ("minority",), "High winds": ("Light winds",), "destroyed": ("spared",), "above": ("below",),
    "tough": ("easy",), "prohibit": ("allow",), "started": ("ended",), "older": ("younger",),
    "doubled": ("halved",), "better-off": ("poorer",), "big": ("small",), "eligible": ("ineligible",),
    "guilty": ("innocent",), "fully reimburse": ("partly reimburse",), "restart": ("break down",),
    "record profits": ("record losses",), "early religion": ("late religion",), "protect": ("clear",),
}

SUBSTITUTIONS: dict[str, tuple[str, ...]] = {
    "cycle lanes": ("bus lanes",), "university": ("stadium",), "old town": ("airport",), "bike": ("scooter",),
    "parking spaces": ("bus stops",), "public housing": ("public transport",), "farmhouse": ("school bus",),
    "schools": ("hospitals",), "coast": ("capital",), "orange crop": ("olive crop",), "downpours": ("heatwaves",),
    "interest rate": ("growth forecast",), "consumer prices": ("house prices",), "economists": ("politicians",),
    "Lenders": ("Insurers",), "living costs": ("migration",), "police officers": ("teachers",),
    "prisons": ("schools",), "vaccination rates": ("birth rates",), "infections": ("deaths",),
    "Parents": ("Teachers",), "vaccine doses": ("antibiotics",), "bank manager": ("police officer",),
    "prosecutors": ("journalists",), "elderly customers": ("business customers",), "lawyer": ("brother",),
    "victims": ("shareholders",), "withdrawals": ("deposits",), "fine": ("bonus",), "forward": ("goalkeeper",),
    "player": ("coach",), "Fans": ("Journalists",), "software firm": ("shipping firm",),
    "administrative employees": ("engineering staff",), "unions": ("customers",),
    "artificial intelligence": ("cloud storage",), "forest": ("farmland",), "villages": ("hotels",),
    "boat": ("helicopter",), "houses": ("vineyards",), "Firefighting aircraft": ("Rescue ships",),
    "smoke inhalation": ("burns",), "sanctions": ("tariffs",), "energy imports": ("food imports",),
    "military aid": ("humanitarian aid",), "machine parts": ("medical supplies",), "weapons": ("drones",),
    "train drivers": ("pilots",), "working week": ("holiday",), "buses": ("taxis",), "regional trains": ("ferries",),
    "temple": ("palace",), "painted walls": ("gold masks",), "offerings": ("soldiers",), "road": ("hotel",),
    "looters": ("developers",), "heat pumps": ("solar panels",), "Households": ("Companies",),
    "Gas prices": ("Electricity prices",), "homeowners": ("landlords",), "gas boilers": ("coal stoves",),
    "energy firms": ("airlines",), "debate": ("strike",), "Monitors": ("Soldiers",), "Measles": ("Flu",),
    "wildfire": ("flood",), "students": ("teachers",),
}

NEGATION_REMOVALS: dict[str, str] = {
    "were not wide": "were wide", "no remorse": "remorse", "no reports": "reports", "no reduction": "a reduction",
    "no alternative": "an alternative", "did not affect": "did affect", "said no one had consulted them":
    "said everyone had consulted them", "none of the candidates": "one of the candidates",
}
AUXILIARIES: tuple[str, ...] = ("is", "are", "was", "were", "will", "would", "can", "could", "should", "may",
                                "might", "must", "has", "have", "had")

MINOR_EDITS: dict[str, tuple[str, ...]] = {
    "said": ("claimed", "insisted"), "warned": ("said",), "found": ("suggested",), "Roughly ": ("",),
    "roughly ": ("",), "almost ": ("",), "senior ": ("",), "very ": ("",), "extreme ": ("",),
    "steeply ": ("",), "chiefly ": ("",), "Around ": ("",), "over 300": ("300",), "Torrential": ("Heavy",),
    "expect": ("hope",), "believe": ("suspect",), "pledged": ("suggested",), "fully ": ("",),
}

OK_EDITS: dict[str, tuple[str, ...]] = {
    " percent": (" per cent", "%"), "Roughly": ("About",), "roughly": ("about",), "Around": ("About",),
    "almost": ("nearly",), "started": ("began",), "firm": ("company",), "company": ("firm",), "said": ("stated",),
    "ship": ("send",), "pledged": ("promised",), "extra": ("additional",), "chiefly": ("mainly",),
    "mandatory": ("compulsory",), "prohibit": ("ban",), "Fans": ("Supporters",), "stages": ("phases",),
    "severe": ("serious",), "small children": ("young children",), "discovered": ("found",),
    "uncovered": ("found",), "illness": ("disease",), "Negotiations": ("Talks",), "gathered": ("met",),
    "walkout": ("strike",), "big": ("large",), "structure": ("building",), "aircraft": ("planes",),
    "unearthed": ("discovered",), "costliest": ("most expensive",), "netted": ("scored",),
    "4.2 million": ("4,200,000",), "5,000": ("5000",), "1,200": ("1200",), "42,000": ("42000",),
    "two points": ("2 points",), "worry": ("fear",), "Retailers": ("Shopkeepers",), "Work": ("Construction",),
    "Health authorities": ("Health officials",), "agency": ("organisation",), "intends": ("plans",),
    "spotted": ("noticed",), "the latest quarter": ("the most recent quarter",), "towards": ("toward",),
    "assist": ("help",), "tough": ("difficult",), "aims": ("wants",), "levy": ("tax",),
    "Researchers believe": ("Experts think",), "Digging": ("The excavation",), "predicted": ("expected",),
    "Monitors": ("Observers",), "challenger": ("rival",), "recruit": ("hire",), "Lenders": ("Banks",),
}
