"""Hand-written clean material for the quality benchmark (none of it from samples/).

Thirteen short news stories, each a title and seven sentence pairs: an original
sentence and a faithful rewrite of it, the way a careful translator or a round trip
through another language would render it. Every pair is meaning-preserving; the
errors are added later, by code (`bench.quality.perturb`), with known spans.

Mark-up inside the strings:

* `[...]` marks a clause that can be dropped (in both the original and the rewrite,
  around the same content). The brackets include the clause's leading comma or space.
* `foreign` is the rewrite's bracketed clause left in another language, as
  (ISO 639-1 code, text) - the "untranslated fragment" error.
* `split` is the rewrite as two sentences (used for split sentences in documents).

Each story also has one `invented` sentence: plausible, on topic, and not in the
original (the "invented sentence" of the document-level cases).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BasePair:
    """One original sentence and its faithful rewrite (with optional mark-up)."""

    id: str
    original: str
    candidate: str
    foreign: tuple[str, str] | None = None
    split: tuple[str, str] | None = None


@dataclass(frozen=True)
class Story:
    """A short article: title pair, sentence pairs in order, one invented sentence."""

    id: str
    title: tuple[str, str]
    pairs: tuple[BasePair, ...]
    invented: str


def _story(sid: str, title: tuple[str, str], invented: str,
           *rows: tuple[str, str] | tuple[str, str, tuple[str, str] | None]
           | tuple[str, str, tuple[str, str] | None, tuple[str, str] | None]) -> Story:
    pairs = []
    for k, row in enumerate(rows, start=1):
        foreign = row[2] if len(row) > 2 else None  # type: ignore[misc]
        split = row[3] if len(row) > 3 else None  # type: ignore[misc]
        pairs.append(BasePair(f"{sid}-{k}", row[0], row[1], foreign, split))
    return Story(sid, title, tuple(pairs), invented)


STORIES: tuple[Story, ...] = (
    _story(
        "s01", ("Lisbon approves 4.2 million euros for bike lanes", "Lisbon backs 4.2 million euro cycle lane plan"),
        "The council also voted to ban cars from the city centre on Sundays.",
        ("Lisbon's city council approved a budget of 4.2 million euros for new bike lanes on Tuesday"
         "[, ending a debate that had lasted two years].",
         "On Tuesday, Lisbon's city council signed off on 4.2 million euros for new cycle lanes"
         "[, bringing a two-year debate to an end].",
         ("de", ", womit eine zweijährige Debatte zu Ende ging")),
        ("Mayor Elena Duarte said the network would connect the university with the old town by 2027.",
         "The network will link the university to the old town by 2027, Mayor Elena Duarte said."),
        ("About 40 percent of residents cycle to work at least once a week[, according to a municipal survey].",
         "Roughly 40 percent of residents ride a bike to work at least weekly[, a municipal survey found].",
         ("es", ", según una encuesta municipal")),
        ("Shop owners on Rua Augusta fear that losing parking spaces will hurt their sales"
         "[, especially during the holiday season].",
         "Retailers on Rua Augusta worry that the loss of parking spaces will damage their sales"
         "[, particularly over the holidays].",
         ("fr", ", surtout pendant les fêtes de fin d'année")),
        ("The opposition party voted against the plan[, arguing that the money should go to public housing instead].",
         "The opposition voted against the plan[, saying the funds should instead be spent on public housing].",
         ("de", ", weil das Geld stattdessen in den sozialen Wohnungsbau fließen solle"),
         ("The opposition voted against the plan.", "It said the funds should instead be spent on public housing.")),
        ("Construction is expected to begin in March and will be carried out in three phases.",
         "Work should start in March and will proceed in three stages."),
        ("Cycling groups welcomed the decision but said the lanes were not wide enough.",
         "Cyclist associations praised the decision, though they said the lanes were not wide enough.",
         None,
         ("Cyclist associations praised the decision.", "However, they said the lanes were not wide enough.")),
    ),
    _story(
        "s02", ("Floods force hundreds from their homes in Valencia", "Hundreds flee their homes as floods hit Valencia"),
        "Insurance companies expect claims to exceed 200 million euros.",
        ("Heavy rain flooded dozens of streets in Valencia overnight[, forcing more than 300 people to leave their homes].",
         "Torrential rain overnight left dozens of streets in Valencia under water[ and forced over 300 people from their homes].",
         ("es", " y obligó a más de 300 personas a abandonar sus casas"),
         ("Torrential rain overnight left dozens of streets in Valencia under water.",
          "Over 300 people were forced from their homes.")),
        ("The regional government declared a state of emergency early on Wednesday[, the first since 2019].",
         "Early on Wednesday, the regional government declared a state of emergency[, its first since 2019].",
         ("fr", ", le premier depuis 2019")),
        ("Firefighters rescued two elderly residents who had been trapped on the roof of a farmhouse.",
         "Two elderly residents stranded on the roof of a farmhouse were rescued by firefighters."),
        ("Schools in the province will remain closed until Friday, officials said.",
         "Officials said schools across the province would stay shut until Friday."),
        ("The Spanish weather agency warned that more storms could hit the coast over the weekend.",
         "More storms may strike the coast at the weekend, the Spanish weather service warned."),
        ("Farmers estimate that the water destroyed nearly half of this year's orange harvest.",
         "According to farmers, the floods wiped out almost half of this year's orange crop."),
        ("Scientists say such extreme downpours have become more frequent over the past decade[ as the Mediterranean warms].",
         "Scientists say extreme downpours like this have grown more frequent in the last decade"
         "[ as the Mediterranean heats up].",
         ("de", ", weil sich das Mittelmeer erwärmt")),
    ),
    _story(
        "s03", ("European Central Bank holds rates at 3.5 percent", "ECB leaves key rate unchanged at 3.5 percent"),
        "Analysts now expect three rate cuts before the end of next year.",
        ("The European Central Bank kept its main interest rate unchanged at 3.5 percent on Thursday.",
         "On Thursday, the European Central Bank left its key interest rate on hold at 3.5 percent."),
        ("ECB President Sofia Marino said inflation was falling faster than expected"
         "[ but warned against cutting rates too early].",
         "Inflation is coming down more quickly than forecast, ECB President Sofia Marino said"
         "[, but she cautioned against lowering rates too soon].",
         ("fr", ", mais elle a mis en garde contre une baisse trop rapide des taux"),
         ("Inflation is coming down more quickly than forecast, ECB President Sofia Marino said.",
          "But she cautioned against lowering rates too soon.")),
        ("Consumer prices in the eurozone rose by 2.4 percent in March compared with a year earlier.",
         "Eurozone consumer prices were 2.4 percent higher in March than a year before."),
        ("Several economists had expected the bank to signal a cut in June.",
         "A number of economists had predicted that the bank would hint at a June cut."),
        ("Markets reacted calmly[, and the euro was little changed against the dollar].",
         "Markets took the news calmly[, with the euro barely moving against the dollar].",
         ("es", ", y el euro apenas se movió frente al dólar")),
        ("Banks in Germany and Italy have reported record profits thanks to higher rates.",
         "Lenders in Germany and Italy have posted record profits as a result of higher rates."),
        ("The next policy meeting is scheduled for the first week of June.",
         "The bank's next rate-setting meeting will take place in the first week of June."),
    ),
    _story(
        "s04", ("Chile votes for a new president", "Chileans elect a new president on Sunday"),
        "Reyes has said she would step down from politics if she loses.",
        ("Voters in Chile will elect a new president on Sunday[ after a campaign dominated by crime and the cost of living].",
         "Chileans go to the polls on Sunday to choose a new president"
         "[, following a campaign focused on crime and living costs].",
         ("es", ", tras una campaña centrada en la delincuencia y el costo de la vida")),
        ("The latest poll gives the conservative candidate Ramon Vidal 38 percent of the vote.",
         "Conservative candidate Ramon Vidal is on 38 percent in the most recent poll."),
        ("His main rival, the former health minister Carla Reyes, is two points behind.",
         "Former health minister Carla Reyes, his main challenger, trails by two points."),
        ("If no candidate wins an outright majority, a runoff will be held in December.",
         "A runoff will take place in December if none of the candidates secures an outright majority."),
        ("Turnout is expected to be high because voting is compulsory[ for all citizens over 18].",
         "Turnout should be high, since voting is mandatory[ for every citizen over 18].",
         ("es", " para todos los ciudadanos mayores de 18 años")),
        ("Both candidates have promised to hire more police officers and to build new prisons.",
         "The two candidates have both pledged to recruit more police officers and build new prisons."),
        ("Election observers from the Organization of American States will monitor the vote.",
         "Monitors from the Organization of American States will observe the election."),
    ),
    _story(
        "s05", ("Measles cases rise sharply in Europe", "Steep rise in European measles cases"),
        "Several schools in Bucharest have been closed to contain the outbreak.",
        ("The World Health Organization said measles cases in Europe rose sharply last year.",
         "Measles cases in Europe increased steeply last year, according to the World Health Organization."),
        ("More than 42,000 cases were recorded in 2023, compared with about 900 the year before.",
         "Over 42,000 cases were reported in 2023, against roughly 900 a year earlier."),
        ("Health officials blame the increase on vaccination rates[ that fell during the pandemic].",
         "Health authorities attribute the rise to vaccination rates[ that dropped during the pandemic].",
         ("de", ", die während der Pandemie gesunken sind")),
        ("Romania and Kazakhstan reported the highest numbers of infections.",
         "The largest numbers of infections were recorded in Romania and Kazakhstan."),
        ("Dr. Amira Haddad, a senior WHO official, urged parents to check that their children had received both doses"
         "[ of the vaccine].",
         "Parents should make sure their children have had both doses[ of the vaccine], said Dr. Amira Haddad, "
         "a senior WHO official.",
         ("fr", " du vaccin")),
        ("The disease is highly contagious and can cause serious complications in young children.",
         "The illness spreads very easily and can lead to severe complications in small children.",
         None,
         ("The illness spreads very easily.", "It can lead to severe complications in small children.")),
        ("The agency plans to send additional vaccines to the worst affected regions within weeks.",
         "The agency intends to ship extra vaccine doses to the hardest-hit regions in the coming weeks."),
    ),
    _story(
        "s06", ("Former bank manager jailed for fraud in Lyon", "Lyon court jails ex-bank manager for fraud"),
        "The case has prompted calls for stricter controls on bank staff.",
        ("A court in Lyon sentenced a former bank manager to four years in prison for fraud on Monday.",
         "On Monday, a Lyon court gave a former bank manager a four-year prison sentence for fraud."),
        ("Prosecutors said he had stolen 1.8 million euros from elderly clients over a decade.",
         "According to prosecutors, he took 1.8 million euros from elderly customers over ten years."),
        ("Judge Martin Kessler said the defendant had shown no remorse during the trial.",
         "The defendant showed no remorse during the trial, Judge Martin Kessler said."),
        ("The man's lawyer said his client would appeal the verdict.",
         "The lawyer for the man said his client intends to appeal against the verdict."),
        ("The bank has agreed to repay the victims in full[, a process that could take several months].",
         "The bank has agreed to fully reimburse the victims[, which could take several months].",
         ("fr", ", ce qui pourrait prendre plusieurs mois"),
         ("The bank has agreed to fully reimburse the victims.", "This could take several months.")),
        ("Investigators discovered the scheme[ after a customer noticed unusual withdrawals from her account].",
         "The scheme came to light[ when a customer spotted unusual withdrawals from her account].",
         ("de", ", als eine Kundin ungewöhnliche Abhebungen von ihrem Konto bemerkte")),
        ("The former manager must also pay a fine of 200,000 euros.",
         "He was also ordered to pay a 200,000-euro fine."),
    ),
    _story(
        "s07", ("Porto sign Ghanaian striker Asante", "Porto complete signing of Kwame Asante"),
        "The club also confirmed that its goalkeeper will leave in January.",
        ("Porto have signed the Ghanaian striker Kwame Asante from Ajax[ for a fee of 25 million euros].",
         "Porto have completed the signing of Ghanaian forward Kwame Asante from Ajax[ for 25 million euros].",
         ("es", " por 25 millones de euros")),
        ("The 23-year-old scored 19 goals in the Dutch league last season.",
         "Last season the 23-year-old netted 19 times in the Dutch league."),
        ("He has signed a five-year contract and will wear the number nine shirt.",
         "He has agreed a five-year deal and will take the number nine shirt.",
         None,
         ("He has agreed a five-year deal.", "He will take the number nine shirt.")),
        ("Coach Luis Ortega said Asante was the player the club had wanted for a long time.",
         "Asante is the player the club had been chasing for a long time, coach Luis Ortega said."),
        ("The deal is the most expensive in the club's history[, surpassing a record set in 2018].",
         "It is the costliest transfer in the club's history[, beating a record set in 2018].",
         ("fr", ", battant un record établi en 2018")),
        ("Asante could make his debut against Benfica on Saturday.",
         "Asante may make his first appearance against Benfica on Saturday."),
        ("Supporters gathered outside the stadium to welcome the new signing.",
         "Fans gathered outside the stadium to greet the new arrival."),
    ),
    _story(
        "s08", ("Nordlys to cut 1,200 jobs", "Swedish software firm Nordlys to shed 1,200 jobs"),
        "Lindqvist will give up a third of her salary this year.",
        ("The Swedish software company Nordlys will cut 1,200 jobs worldwide[, about a tenth of its workforce].",
         "Nordlys, a Swedish software firm, is to eliminate 1,200 jobs around the world[, roughly a tenth of its staff].",
         ("de", ", etwa ein Zehntel der Belegschaft")),
        ("Chief executive Hanna Lindqvist said the company had hired too quickly during the pandemic.",
         "The company expanded its hiring too fast during the pandemic, chief executive Hanna Lindqvist said."),
        ("Most of the cuts will affect sales and administrative staff in the United States.",
         "The majority of the cuts will hit sales and administrative employees in the United States."),
        ("The company's shares rose by 6 percent[ after the announcement].",
         "Shares in the company climbed 6 percent[ following the announcement].",
         ("fr", " après l'annonce")),
        ("Nordlys reported a loss of 85 million dollars in the last quarter[, its third loss in a row].",
         "Nordlys posted an 85 million dollar loss in the latest quarter[, its third consecutive loss].",
         ("es", ", su tercera pérdida consecutiva")),
        ("Unions in Sweden said they had not been consulted before the decision.",
         "Swedish unions said no one had consulted them before the decision was taken."),
        ("The company will continue to invest in artificial intelligence, Lindqvist added.",
         "Lindqvist added that the firm would keep investing in artificial intelligence."),
    ),
    _story(
        "s09", ("Wildfire on Evia forces evacuations", "Thousands evacuated as fire spreads on Evia"),
        "Police have arrested a man suspected of starting the fire.",
        ("A wildfire on the Greek island of Evia has burned more than 5,000 hectares of forest since Sunday.",
         "Since Sunday, a wildfire on the Greek island of Evia has destroyed over 5,000 hectares of forest."),
        ("Strong winds pushed the flames towards several villages[ on the northern coast].",
         "High winds drove the flames towards several villages[ along the northern coast].",
         ("de", " an der Nordküste")),
        ("Authorities evacuated about 2,000 residents and tourists by boat and by bus.",
         "Around 2,000 residents and tourists were evacuated by boat and bus."),
        ("Fire chief Olga Petrova said crews were working day and night to protect homes.",
         "Crews were working around the clock to protect houses, fire chief Olga Petrova said."),
        ("Italy and Cyprus have sent firefighting planes to help.",
         "Firefighting aircraft have been sent by Italy and Cyprus to assist."),
        ("No deaths have been reported[, but three firefighters were treated for smoke inhalation].",
         "There have been no reports of deaths[, although three firefighters needed treatment for smoke inhalation].",
         ("fr", ", mais trois pompiers ont dû être soignés pour avoir inhalé de la fumée"),
         ("There have been no reports of deaths.", "However, three firefighters needed treatment for smoke inhalation.")),
        ("Temperatures are forecast to stay above 40 degrees until Thursday.",
         "Forecasters expect temperatures to remain above 40 degrees through Thursday."),
    ),
    _story(
        "s10", ("EU ministers discuss new sanctions", "New sanctions on the table as EU ministers meet"),
        "Lambert also called for a ceasefire within the next month.",
        ("Foreign ministers from the European Union met in Brussels on Monday[ to discuss new sanctions].",
         "On Monday, European Union foreign ministers gathered in Brussels[ to talk about new sanctions].",
         ("fr", " pour discuter de nouvelles sanctions")),
        ("French Foreign Minister Pierre Lambert said the package could be approved within two weeks.",
         "The package could be agreed within a fortnight, said French Foreign Minister Pierre Lambert."),
        ("Hungary has threatened to block any measures that target energy imports.",
         "Hungary has threatened to veto any measures aimed at energy imports."),
        ("The ministers also agreed to give an additional 500 million euros[ in military aid].",
         "The ministers further agreed on an extra 500 million euros[ of military aid].",
         ("de", " an Militärhilfe")),
        ("Diplomats said the talks were difficult but constructive.",
         "According to diplomats, the talks were tough but constructive."),
        ("The sanctions would ban the export of machine parts[ that can be used to make weapons].",
         "The sanctions would prohibit exports of machine parts[ that could be used to build weapons].",
         ("es", " que podrían usarse para fabricar armas")),
        ("A final decision is expected at a summit of EU leaders in late June.",
         "EU leaders are expected to make a final decision at a summit at the end of June."),
    ),
    _story(
        "s11", ("German train drivers strike for three days", "Rail strike halts long-distance trains in Germany"),
        "The government said it would consider a law limiting strikes in key services.",
        ("Train drivers in Germany began a three-day strike on Wednesday[, halting most long-distance services].",
         "German train drivers started a three-day strike on Wednesday[, bringing most long-distance services to a halt].",
         ("de", ", wodurch der Fernverkehr größtenteils zum Erliegen kam")),
        ("The GDL union is demanding a 35-hour working week without any loss of pay.",
         "The GDL union wants a 35-hour working week with no reduction in pay."),
        ("Deutsche Bahn called the strike irresponsible[ and said it would cost the economy 100 million euros a day].",
         "Deutsche Bahn described the walkout as irresponsible"
         "[ and said it would cost the economy 100 million euros per day].",
         ("de", " und erklärte, er koste die Wirtschaft 100 Millionen Euro pro Tag"),
         ("Deutsche Bahn described the walkout as irresponsible.",
          "It said the strike would cost the economy 100 million euros per day.")),
        ("Union leader Greta Fischer said the drivers had no other choice.",
         "The drivers had been left with no alternative, union leader Greta Fischer said."),
        ("Commuters crowded onto buses and regional trains[, which were not affected by the strike].",
         "Commuters packed into buses and regional trains[, which the strike did not affect].",
         ("fr", ", qui n'étaient pas touchés par la grève")),
        ("It is the fourth strike by the union since November.",
         "This is the union's fourth walkout since November."),
        ("Talks between the two sides are due to resume next week.",
         "Negotiations between the two sides are set to restart next week."),
    ),
    _story(
        "s12", ("Ancient temple found in Peru", "Archaeologists unearth 3,000-year-old temple in Peru"),
        "The temple will open to visitors once the excavation is finished.",
        ("Archaeologists in Peru have discovered a 3,000-year-old temple near the city of Trujillo.",
         "A 3,000-year-old temple has been unearthed by archaeologists near the Peruvian city of Trujillo."),
        ("The team, led by Professor Kenji Sato, found painted walls[ and the remains of several offerings].",
         "The team, headed by Professor Kenji Sato, uncovered painted walls[ and the remains of several offerings].",
         ("es", " y los restos de varias ofrendas")),
        ("The building is believed to predate the Inca empire by more than two thousand years.",
         "Researchers believe the structure is over two thousand years older than the Inca empire."),
        ("Sato said the discovery could change what historians know about early religion in the Andes.",
         "The find could alter historians' understanding of early religion in the Andes, Sato said."),
        ("The site was found by chance during the construction of a new road[ in 2022].",
         "The site was discovered by accident while a new road was being built[ in 2022].",
         ("fr", " en 2022")),
        ("Peru's culture ministry has promised to protect the area from looters.",
         "The Peruvian culture ministry has pledged to protect the area against looters."),
        ("Excavations will continue for at least another year.",
         "Digging will go on for at least one more year."),
    ),
    _story(
        "s13", ("Dutch government doubles heat pump subsidies", "Netherlands to double support for heat pumps"),
        "Tenants will also be able to apply for the subsidy for the first time.",
        ("The Dutch government will double subsidies for heat pumps from January, the energy minister announced.",
         "Subsidies for heat pumps will be doubled from January, the Dutch energy minister announced."),
        ("Households will be able to receive up to 7,000 euros[ towards the cost of installation].",
         "Households will be eligible for as much as 7,000 euros[ to help cover installation costs].",
         ("de", " als Zuschuss zu den Installationskosten")),
        ("Gas prices have fallen since last winter[ but remain twice as high as before the crisis].",
         "Gas prices have dropped since last winter[ but are still double their pre-crisis level].",
         ("es", " pero siguen duplicando su nivel anterior a la crisis"),
         ("Gas prices have dropped since last winter.", "They are still double their pre-crisis level, however.")),
        ("Installers in Rotterdam say they already have waiting lists of several months.",
         "Installers in Rotterdam say their waiting lists already stretch to several months."),
        ("Critics argue that the scheme mainly benefits wealthier homeowners.",
         "Critics say the programme chiefly helps better-off homeowners."),
        ("The government wants a million homes to switch from gas boilers[ by 2030].",
         "The government aims to have one million homes switch away from gas boilers[ by 2030].",
         ("fr", " d'ici 2030")),
        ("The plan will be financed by a tax on large energy companies.",
         "A levy on big energy firms will pay for the plan."),
    ),
)

# Sub-headings a republisher may insert (they have no counterpart in the original).
HEADINGS: tuple[str, ...] = (
    "What happens next", "Background", "Reactions", "The numbers", "A long dispute",
    "Why it matters", "Criticism", "The details",
)

# Clauses a translation may invent (appended before the final full stop).
INVENTED_CLAUSES: tuple[str, ...] = (
    ", despite strong objections from local residents",
    ", a decision critics called unlawful",
    ", according to a leaked internal report",
    " after a vote held behind closed doors",
    ", which will be paid for by raising taxes",
    ", in a move that surprised investors",
    " to avoid a costly legal battle",
    ", breaking a promise made during the campaign",
    ", partly because of pressure from the government",
    ", a claim that has since been disputed",
    " amid growing anger among young people",
    ", although the details remain secret",
)
