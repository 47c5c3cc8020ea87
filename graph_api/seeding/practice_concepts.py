"""What generated good practices are about: title, themes, target groups, action lines and
the steps of their approach. The prose around them comes from practice_text.py.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Concept(NamedTuple):
    titles: tuple[str, ...]  # "{p}" = place
    what: str  # what happens, as a noun phrase after "met"
    themes: tuple[str, ...]  # first one always used
    targets: tuple[str, ...]
    lines: tuple[int, ...]
    steps: tuple[str, ...]


# fmt: off
CONCEPTS: Final[tuple[Concept, ...]] = (
    Concept(
        (
            "Samen eten in de buurt: wekelijkse maaltijden in {p}",
            "Aanschuiven aan tafel: buurtmaaltijden in {p}",
        ),
        "wekelijkse buurtmaaltijden waar iedereen kan aanschuiven",
        ("sociale-cohesie", "gezondheid", "armoede"),
        ("75-plussers", "alleenstaande-ouders", "nieuwkomers"), (2, 3),
        (
            "Vrijwilligers koken om de beurt in het buurthuis.",
            "Deelnemers betalen een kleine bijdrage; wie het niet kan betalen, eet gratis mee.",
            "Een vaste gastvrouw of gastheer heet nieuwe gasten welkom.",
            "Wie niet zelf kan komen, wordt opgehaald door een vrijwillige chauffeur.",
            "Na het eten blijft er tijd voor koffie en een praatje.",
        ),
    ),
    Concept(
        (
            "Maatjesproject {p}: een vaste vrijwilliger voor wie er alleen voor staat",
            "Een maatje in {p}: één op één contact tegen eenzaamheid",
        ),
        "een vaste vrijwilliger die wekelijks langskomt",
        ("sociale-cohesie", "participatie", "zingeving"),
        ("75-plussers", "mensen-met-een-beperking", "nieuwkomers"), (2,),
        (
            "Een coördinator voert een kennismakingsgesprek over wensen en interesses.",
            "Vrijwilligers volgen een korte training over eenzaamheid en grenzen.",
            "Maatje en deelnemer spreken minstens een jaar lang wekelijks af.",
            "Na drie maanden volgt een evaluatiegesprek.",
            "Vrijwilligers komen elk kwartaal bij elkaar voor intervisie.",
        ),
    ),
    Concept(
        (
            "Preventieve huisbezoeken bij 75-plussers in {p}",
            "Aanbellen met aandacht: huisbezoeken aan ouderen in {p}",
        ),
        "huisbezoeken bij alle inwoners die 75 jaar worden",
        ("gezondheid", "sociale-cohesie", "veiligheid"), ("75-plussers",), (1, 3),
        (
            "Alle 75-plussers krijgen een brief met een voorstel voor een afspraak.",
            "Getrainde vrijwilligers voeren het gesprek aan de hand van een vaste leidraad.",
            "Signalen van eenzaamheid worden met toestemming doorgegeven aan het wijkteam.",
            "Binnen zes weken volgt een terugbelmoment.",
        ),
    ),
    Concept(
        (
            "Even op adem komen: respijt en lotgenotencontact voor mantelzorgers in {p}",
            "Mantelzorgcafé {p}: ontmoeting voor wie zorgt",
        ),
        "lotgenotengroepen en vervangende zorg voor mantelzorgers",
        ("mantelzorg", "gezondheid", "sociale-cohesie"), ("mantelzorgers",), (2, 3),
        (
            "Maandelijks mantelzorgcafé met een thema en een gastspreker.",
            "Vrijwilligers nemen de zorg een dagdeel over, zodat de mantelzorger even weg kan.",
            "Een mantelzorgconsulent is elke week op een vast moment bereikbaar.",
            "Jonge mantelzorgers krijgen een eigen groep.",
        ),
    ),
    Concept(
        (
            "Jongeren praten over eenzaamheid: gesprekken tussen leeftijdgenoten in {p}",
            "Niet alleen: peer support voor jongeren in {p}",
        ),
        "gesprekken onder leiding van getrainde leeftijdgenoten",
        ("gezondheid", "participatie", "digitale-inclusie"), ("jongeren-12-25", "studenten"),
        (1, 2),
        (
            "Jongeren worden opgeleid tot gespreksleider.",
            "Gesprekken vinden plaats op school, in het jongerencentrum en online.",
            "Een jongerenwerker is op de achtergrond beschikbaar.",
            "Via sociale media wordt het taboe op eenzaamheid bespreekbaar gemaakt.",
        ),
    ),
    Concept(
        (
            "Studentenhuiskamer in {p}: ontmoeting buiten de collegezaal",
            "Koffie en een goed gesprek: de studentenhuiskamer van {p}",
        ),
        "een open huiskamer met activiteiten voor studenten",
        ("sociale-cohesie", "zingeving", "gezondheid"), ("studenten", "jongeren-12-25"), (2,),
        (
            "Studenten organiseren zelf de activiteiten, met ondersteuning van een coördinator.",
            "De huiskamer is vier avonden per week open.",
            "Internationale studenten krijgen een buddy.",
            "Studentenpsychologen geven maandelijks een inloopspreekuur.",
        ),
    ),
    Concept(
        (
            "Digicafé {p}: samen wegwijs in de digitale wereld",
            "Digitaal meedoen in {p}: hulp bij apps, videobellen en DigiD",
        ),
        "wekelijkse inloop waar vrijwilligers helpen met telefoon, tablet en computer",
        ("digitale-inclusie", "participatie", "sociale-cohesie"), ("75-plussers", "nieuwkomers"),
        (2, 3),
        (
            "Vrijwilligers helpen met videobellen, zodat contact met familie makkelijker wordt.",
            "De inloop is in de bibliotheek, laagdrempelig en gratis.",
            "Wie thuis hulp nodig heeft, krijgt een digimaatje aan huis.",
            "Er zijn leentablets voor wie er zelf geen heeft.",
        ),
    ),
    Concept(
        (
            "Na het verlies: wandelgroep voor nabestaanden in {p}",
            "Rouwcafé {p}: ruimte voor verdriet en verhalen",
        ),
        "wandelingen en gesprekken voor mensen die een dierbare verloren",
        ("rouw-en-verlies", "zingeving", "gezondheid"), ("nabestaanden", "75-plussers"), (2,),
        (
            "Twee keer per maand een wandeling van een uur met een getrainde begeleider.",
            "Na afloop koffie en ruimte voor een gesprek.",
            "De groep is open: je kunt altijd aansluiten.",
            "Uitvaartondernemers en huisartsen wijzen nabestaanden op de groep.",
        ),
    ),
    Concept(
        (
            "Signalen herkennen: training voor kappers, apothekers en postbezorgers in {p}",
            "Oog voor eenzaamheid: ondernemers in {p} leren signaleren",
        ),
        "een korte training over het herkennen van signalen van eenzaamheid",
        ("sociale-cohesie", "veiligheid", "gezondheid"), ("75-plussers", "werkenden"), (1,),
        (
            "De training duurt anderhalf uur en gaat over signalen en een eerste gesprek.",
            "Deelnemers krijgen een sociale kaart van het aanbod in de gemeente.",
            "Een herkenbare sticker op de deur laat zien: hier kun je terecht.",
            "Het wijkteam is het vaste aanspreekpunt voor doorverwijzing.",
        ),
    ),
    Concept(
        (
            "Week tegen Eenzaamheid in {p}: honderd kopjes koffie",
            "Een week lang ontmoeting: de Week tegen Eenzaamheid in {p}",
        ),
        "een programma van activiteiten tijdens de Week tegen Eenzaamheid",
        ("sociale-cohesie", "participatie"), ("75-plussers", "jongeren-12-25"), (1,),
        (
            "Verenigingen, kerken en ondernemers openen hun deuren voor ontmoeting.",
            "Inwoners nodigen een buur uit voor een kopje koffie.",
            "De lokale krant en omroep besteden een week lang aandacht aan eenzaamheid.",
            "Een slotbijeenkomst bedankt alle vrijwilligers.",
        ),
    ),
    Concept(
        (
            "Buurtmoestuin {p}: samen zaaien, samen oogsten",
            "Groene ontmoeting: de wijktuin van {p}",
        ),
        "een gezamenlijke moestuin waar buurtbewoners samen tuinieren",
        ("leefomgeving", "sociale-cohesie", "gezondheid"),
        ("75-plussers", "nieuwkomers", "mensen-met-een-beperking"), (2,),
        (
            "Bewoners beheren de tuin zelf, met hulp van een tuincoach.",
            "Er zijn verhoogde bakken voor wie niet meer kan bukken.",
            "De oogst wordt gedeeld of gebruikt bij een buurtmaaltijd.",
            "Scholen uit de buurt komen regelmatig helpen.",
        ),
    ),
    Concept(
        (
            "Samen wonen, samen leven: een hofje voor ouderen in {p}",
            "Woonzorgcirkel {p}: buren die op elkaar letten",
        ),
        "een woonvorm waarin bewoners naar elkaar omkijken",
        ("wonen", "sociale-cohesie", "veiligheid"), ("75-plussers", "alleenstaande-ouders"), (2, 3),
        (
            "De woningcorporatie, gemeente en bewoners ontwikkelen het plan samen.",
            "Een gemeenschappelijke ruimte is het hart van het hofje.",
            "Bewoners spreken af hoe ze op elkaar letten, zonder elkaars zorg over te nemen.",
            "Een buurtconciërge is het aanspreekpunt.",
        ),
    ),
    Concept(
        (
            "Geldzorgen en eenzaamheid: één loket in {p}",
            "Schuldhulp met aandacht voor contact: de aanpak in {p}",
        ),
        "hulp bij geldzorgen gecombineerd met aandacht voor sociaal contact",
        ("armoede", "participatie", "gezondheid"), ("alleenstaande-ouders", "werkenden"), (3,),
        (
            "Schuldhulpverleners vragen standaard naar het sociale netwerk.",
            "Deelnemers worden gekoppeld aan een thuisadministratievrijwilliger.",
            "Er is een inloopspreekuur zonder wachtlijst.",
            "Ontmoetingsactiviteiten zijn gratis voor wie een minimuminkomen heeft.",
        ),
    ),
    Concept(
        (
            "Taalmaatjes in {p}: meedoen begint met een gesprek",
            "Nieuw in {p}: ontmoeting en taal voor nieuwkomers",
        ),
        "taalmaatjes en ontmoetingsmomenten voor nieuwkomers",
        ("participatie", "discriminatie", "sociale-cohesie"), ("nieuwkomers",), (2,),
        (
            "Een taalmaatje oefent wekelijks Nederlands in alledaagse situaties.",
            "Samen gaan ze naar de markt, de bibliotheek of de sportclub.",
            "Maandelijks is er een ontmoetingsavond voor alle koppels.",
            "Statushouders worden ook zelf vrijwilliger.",
        ),
    ),
    Concept(
        (
            "Bewegen en ontmoeten: wandelvoetbal voor 60-plussers in {p}",
            "Fit en samen in {p}: beweeggroepen voor ouderen",
        ),
        "laagdrempelige beweeggroepen met na afloop koffie",
        ("gezondheid", "sociale-cohesie", "participatie"), ("75-plussers",), (2,),
        (
            "Twee keer per week trainen onder begeleiding van een beweegcoach.",
            "Huisartsen en fysiotherapeuten verwijzen door.",
            "De derde helft is net zo belangrijk als de training.",
            "Deelnemers die een keer niet komen, worden gebeld.",
        ),
    ),
    Concept(
        (
            "Eenzaamheid op het werk: gesprekstafels bij werkgevers in {p}",
            "Verbonden aan het werk: aandacht voor eenzame werknemers in {p}",
        ),
        "gesprekstafels en een training voor leidinggevenden",
        ("gezondheid", "participatie"), ("werkenden", "mantelzorgers"), (1, 2),
        (
            "Leidinggevenden leren hoe ze eenzaamheid bespreekbaar maken.",
            "Werknemers organiseren zelf lunchwandelingen en koffiemomenten.",
            "Mantelzorgende werknemers krijgen ruimte in hun rooster.",
            "Werkgevers delen hun ervaringen in een lokaal netwerk.",
        ),
    ),
    Concept(
        (
            "Samen op stap: uitjes voor mensen met een beperking in {p}",
            "Erop uit in {p}: vrije tijd voor mensen met een beperking",
        ),
        "uitjes en clubavonden met begeleiding door vrijwilligers",
        ("participatie", "discriminatie", "sociale-cohesie"), ("mensen-met-een-beperking",), (2,),
        (
            "Deelnemers kiezen zelf de uitjes.",
            "Vrijwilligers begeleiden en zorgen voor vervoer.",
            "Activiteiten vinden plaats bij reguliere verenigingen, niet apart.",
            "Een ervaringsdeskundige denkt mee in de organisatie.",
        ),
    ),
    Concept(
        (
            "Ouders ontmoeten ouders: inloopochtenden in {p}",
            "Er alleen voor staan in {p}: steun voor alleenstaande ouders",
        ),
        "inloopochtenden en een netwerk voor alleenstaande ouders",
        ("sociale-cohesie", "armoede", "participatie"), ("alleenstaande-ouders",), (2, 3),
        (
            "Er is kinderopvang tijdens de inloop.",
            "Ouders wisselen tips uit over opvoeding, geld en werk.",
            "Een welzijnswerker helpt bij vragen en verwijst door.",
            "Ouders organiseren samen uitjes met de kinderen.",
        ),
    ),
    Concept(
        (
            "Levensvragen aan tafel: zingevingsgesprekken in {p}",
            "Wat doet ertoe? Gespreksgroepen over zingeving in {p}",
        ),
        "gespreksgroepen en individuele gesprekken over levensvragen",
        ("zingeving", "rouw-en-verlies", "gezondheid"), ("75-plussers", "nabestaanden"), (2,),
        (
            "Geestelijk verzorgers in de eerste lijn begeleiden de gesprekken.",
            "Groepen van zes tot acht deelnemers komen acht keer bij elkaar.",
            "Ook thuis is een gesprek mogelijk.", "Huisartsen en wijkverpleging verwijzen door.",
        ),
    ),
    Concept(
        (
            "Van plan naar praktijk: de lokale aanpak van eenzaamheid in {p}",
            "Een sluitende aanpak: de lokale coalitie tegen eenzaamheid in {p}",
        ),
        "een lokaal plan van aanpak met alle partners in de gemeente",
        ("sociale-cohesie", "participatie", "gezondheid"),
        ("75-plussers", "jongeren-12-25", "mantelzorgers"), (3,),
        (
            "De gemeente brengt partners samen in een lokale coalitie.",
            "Het bestaande aanbod wordt in kaart gebracht en zichtbaar gemaakt.",
            "Inwoners die eenzaamheid kennen denken mee over de aanpak.",
            "De coalitie monitort jaarlijks de voortgang.",
            "Er is een vaste kartrekker met tijd en budget.",
        ),
    ),
    Concept(
        (
            "Veilig en verbonden: wijkagent en welzijn samen op huisbezoek in {p}",
            "Achter de voordeur in {p}: samen optrekken bij zorgen over inwoners",
        ),
        "gezamenlijke huisbezoeken van wijkagent en welzijnswerker",
        ("veiligheid", "sociale-cohesie", "gezondheid"),
        ("75-plussers", "mensen-met-een-beperking"), (3,),
        (
            "Signalen uit de buurt komen binnen bij één meldpunt.",
            "Wijkagent en welzijnswerker gaan samen langs.",
            "Afspraken over vervolgcontact worden vastgelegd.",
            "Bewoners krijgen informatie over oplichting en babbeltrucs.",
        ),
    ),
    Concept(
        (
            "Kunst op recept in {p}: creatief bezig tegen eenzaamheid",
            "Cultuur verbindt: creatieve ateliers in {p}",
        ),
        "creatieve workshops op verwijzing van huisarts of welzijnswerker",
        ("gezondheid", "zingeving", "participatie"), ("75-plussers", "mensen-met-een-beperking"),
        (2,),
        (
            "Een huisarts of welzijnswerker verwijst naar een reeks van tien workshops.",
            "Kunstenaars begeleiden kleine groepen.",
            "De reeks eindigt met een expositie voor familie en buren.",
            "Deelnemers kunnen daarna doorstromen naar een vereniging.",
        ),
    ),
    Concept(
        (
            "De bibliotheek als huiskamer van {p}",
            "Meer dan boeken: ontmoeting in de bibliotheek van {p}",
        ),
        "leesclubs, taalcafés en spreekuren in de bibliotheek",
        ("participatie", "digitale-inclusie", "sociale-cohesie"),
        ("75-plussers", "nieuwkomers", "jongeren-12-25"), (2, 3),
        (
            "Elke week een leesclub en een taalcafé.",
            "Spreekuren van het wijkteam en de belastingservice in de bibliotheek.",
            "Boeken aan huis voor wie niet meer naar de bibliotheek kan.",
            "De koffie staat altijd klaar.",
        ),
    ),
    Concept(
        (
            "Telefooncirkel {p}: elke ochtend een stem aan de lijn",
            "Goedemorgen {p}: dagelijks contact via de telefoon",
        ),
        "een telefooncirkel waarin deelnemers elkaar elke ochtend bellen",
        ("sociale-cohesie", "veiligheid"), ("75-plussers", "mensen-met-een-beperking"), (2,),
        (
            "Deelnemers bellen elkaar in een vaste volgorde.",
            "Wie niet opneemt, krijgt bezoek van een contactpersoon.",
            "Eens per maand komt de cirkel bij elkaar voor koffie.",
            "Vrijwilligers houden de lijst actueel.",
        ),
    ),
    Concept(
        (
            "Jong en oud: scholieren op bezoek bij ouderen in {p}",
            "Generaties ontmoeten elkaar in {p}",
        ),
        "ontmoetingen tussen scholieren en ouderen",
        ("sociale-cohesie", "participatie", "zingeving"), ("jongeren-12-25", "75-plussers"), (2,),
        (
            "Scholieren doen hun maatschappelijke stage bij ouderen in de wijk.",
            "Samen koken, gamen of verhalen opschrijven.",
            "Ouderen vertellen in de klas over vroeger.",
            "Na afloop blijven veel koppels elkaar zien.",
        ),
    ),
    Concept(
        (
            "Iedereen hoort erbij: ontmoeting tegen uitsluiting in {p}",
            "Open gesprek in {p}: verbinden over verschillen heen",
        ),
        "dialoogtafels en ontmoetingen tussen inwoners met verschillende achtergronden",
        ("discriminatie", "sociale-cohesie", "participatie"), ("nieuwkomers", "jongeren-12-25"),
        (1, 2),
        (
            "Getrainde gespreksleiders begeleiden dialoogtafels.",
            "Moskeeën, kerken en verenigingen organiseren samen open dagen.",
            "Ervaringen met uitsluiting worden serieus genomen en doorgegeven.",
            "Jongeren maken een campagne over erbij horen.",
        ),
    ),
)
# fmt: on
