"""What generated good practices are about: title, themes, target groups, action lines and
the steps of their approach. The prose around them comes from practice_text.py.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Concept(NamedTuple):
    key: str  # named by the demo rules table (demo_profiles.toml)
    titles: tuple[str, ...]  # "{p}" = place
    what: str  # what happens, as a noun phrase after "met"
    themes: tuple[str, ...]  # first one always used
    targets: tuple[str, ...]
    lines: tuple[int, ...]
    steps: tuple[str, ...]


# fmt: off
CONCEPTS: Final[tuple[Concept, ...]] = (
    Concept(
        "maaltijden",
        (
            "Samen eten in de buurt: wekelijkse maaltijden in {p}",
            "Aanschuiven aan tafel: buurtmaaltijden in {p}",
        ),
        "wekelijkse buurtmaaltijden waar iedereen kan aanschuiven",
        ("sociale-cohesie", "gezondheid", "armoede"),
        ("75-plussers", "alleenstaande-ouders", "nieuwkomers"), (2, 3),
        (
            "Vrijwilligers koken om de beurt {in het buurthuis|in de kerkzaal|in het "
            "wijkcentrum|in de kantine van de sportclub}{, elke {dag}| op {dag}middag|}.",
            "Deelnemers betalen {een kleine bijdrage|een paar euro|vijf euro}; wie het niet kan "
            "betalen, {eet gratis mee|krijgt een gratis pas}.",
            "Een vaste {gastvrouw of gastheer|vrijwilliger} {heet nieuwe gasten welkom|vangt "
            "nieuwe gasten op bij de deur}{ en stelt ze voor aan de tafel|}.",
            "Wie niet zelf kan komen, wordt {opgehaald|thuis opgehaald} door {een vrijwillige "
            "chauffeur|de buurtbus|een buur met een auto}.",
            "Na het eten {blijft er tijd|is er tijd} voor {koffie en een praatje|een "
            "spelletje|koffie en muziek}{; niemand hoeft meteen naar huis|}.",
        ),
    ),
    Concept(
        "maatjes",
        (
            "Maatjesproject {p}: een vaste vrijwilliger voor wie er alleen voor staat",
            "Een maatje in {p}: één op één contact tegen eenzaamheid",
        ),
        "een vaste vrijwilliger die wekelijks langskomt",
        ("sociale-cohesie", "participatie", "zingeving"),
        ("75-plussers", "mensen-met-een-beperking", "nieuwkomers"), (2,),
        (
            "Een coördinator {voert|houdt} {een kennismakingsgesprek|een eerste gesprek thuis} "
            "over wensen en {interesses|hobby's}.",
            "Vrijwilligers volgen {een korte training|twee trainingsavonden} over eenzaamheid en "
            "{grenzen|het stellen van grenzen}.",
            "Maatje en deelnemer spreken {minstens een jaar lang|een jaar lang} {wekelijks|elke "
            "week|om de week} af{, vaak op {dag}|}.",
            "Na {drie|vier|zes} maanden volgt {een evaluatiegesprek|een gesprek over hoe het "
            "gaat}.",
            "Vrijwilligers komen {elk kwartaal|een paar keer per jaar} bij elkaar voor "
            "{intervisie|uitwisseling en scholing}.",
        ),
    ),
    Concept(
        "huisbezoeken",
        (
            "Preventieve huisbezoeken bij 75-plussers in {p}",
            "Aanbellen met aandacht: huisbezoeken aan ouderen in {p}",
        ),
        "huisbezoeken bij alle inwoners die 75 jaar worden",
        ("gezondheid", "sociale-cohesie", "veiligheid"), ("75-plussers",), (1, 3),
        (
            "Alle 75-plussers krijgen {een brief|een kaart van de gemeente} met {een voorstel "
            "voor een afspraak|een datum voor een bezoek}.",
            "{Getrainde vrijwilligers|Ouderenadviseurs en vrijwilligers} voeren het gesprek aan "
            "de hand van {een vaste leidraad|een korte vragenlijst}.",
            "Signalen van eenzaamheid {worden|gaan} met toestemming {door naar|naar} {het "
            "wijkteam|de ouderenadviseur|de huisarts}.",
            "Binnen {vier|zes|acht} weken {volgt een terugbelmoment|belt de bezoeker nog eens}.",
        ),
    ),
    Concept(
        "mantelzorg",
        (
            "Even op adem komen: respijt en lotgenotencontact voor mantelzorgers in {p}",
            "Mantelzorgcafé {p}: ontmoeting voor wie zorgt",
        ),
        "lotgenotengroepen en vervangende zorg voor mantelzorgers",
        ("mantelzorg", "gezondheid", "sociale-cohesie"), ("mantelzorgers",), (2, 3),
        (
            "{Maandelijks|Elke tweede {dag} van de maand} een mantelzorgcafé met {een thema en "
            "een gastspreker|een thema, van dementie tot regelgeving}.",
            "Vrijwilligers nemen de zorg {een dagdeel|een middag|een ochtend} over, zodat de "
            "mantelzorger {even weg kan|tijd voor zichzelf heeft}.",
            "Een mantelzorgconsulent is {elke week|op {dag}} {op een vast moment|tussen negen en "
            "twaalf} bereikbaar.",
            "Jonge mantelzorgers krijgen {een eigen groep|eigen bijeenkomsten|een eigen appgroep "
            "en uitjes}.",
        ),
    ),
    Concept(
        "jongeren",
        (
            "Jongeren praten over eenzaamheid: gesprekken tussen leeftijdgenoten in {p}",
            "Niet alleen: jongeren steunen elkaar in {p}",
        ),
        "gesprekken onder leiding van getrainde leeftijdgenoten",
        ("gezondheid", "participatie", "digitale-inclusie"), ("jongeren-12-25", "studenten"),
        (1, 2),
        (
            "{Jongeren|Vrijwilligers van zestien tot vijfentwintig} worden {in {n} uur|in een "
            "paar avonden} opgeleid tot gespreksleider.",
            "Gesprekken vinden plaats {op school|op het mbo}, {in het jongerencentrum|in de "
            "bibliotheek} en online.",
            "Een jongerenwerker is {op de achtergrond|altijd} beschikbaar{ voor wie meer hulp "
            "nodig heeft|}.",
            "Via {sociale media|korte video's|Instagram en TikTok} {wordt het taboe op "
            "eenzaamheid bespreekbaar gemaakt|praten jongeren over eenzaamheid}.",
        ),
    ),
    Concept(
        "studenten",
        (
            "Studentenhuiskamer in {p}: ontmoeting buiten de collegezaal",
            "Koffie en een goed gesprek: de studentenhuiskamer van {p}",
        ),
        "een open huiskamer met activiteiten voor studenten",
        ("sociale-cohesie", "zingeving", "gezondheid"), ("studenten", "jongeren-12-25"), (2,),
        (
            "Studenten organiseren zelf de activiteiten, met {ondersteuning|hulp} van een "
            "{coördinator|studentendecaan}.",
            "De huiskamer is {drie|vier|vijf} {avonden|middagen} per week open.",
            "Internationale studenten krijgen {een buddy|een vaste maat} {bij de start van het "
            "studiejaar|in hun eerste maanden}.",
            "{Studentenpsychologen|Studentendecanen} geven {maandelijks|elke week} een "
            "inloopspreekuur.",
        ),
    ),
    Concept(
        "digitaal",
        (
            "Digicafé {p}: samen wegwijs in de digitale wereld",
            "Digitaal meedoen in {p}: hulp bij apps, videobellen en DigiD",
        ),
        "wekelijkse inloop waar vrijwilligers helpen met telefoon, tablet en computer",
        ("digitale-inclusie", "participatie", "sociale-cohesie"), ("75-plussers", "nieuwkomers"),
        (2, 3),
        (
            "Vrijwilligers helpen met {videobellen|WhatsApp|de foto-app}, zodat contact met "
            "{familie|kinderen en kleinkinderen} makkelijker wordt.",
            "De inloop is {in de bibliotheek|in het buurthuis|in het gemeentehuis}{ op {dag}|}, "
            "{laagdrempelig en gratis|gratis en zonder aanmelden}.",
            "Wie thuis hulp nodig heeft, krijgt {een digimaatje|een vrijwilliger} aan huis{, op "
            "afspraak|, ook in de avond|}.",
            "Er zijn {leentablets|tweedehands laptops} voor wie er zelf geen heeft.",
        ),
    ),
    Concept(
        "rouw",
        (
            "Na het verlies: wandelgroep voor nabestaanden in {p}",
            "Rouwcafé {p}: ruimte voor verdriet en verhalen",
        ),
        "wandelingen en gesprekken voor mensen die een dierbare verloren",
        ("rouw-en-verlies", "zingeving", "gezondheid"), ("nabestaanden", "75-plussers"), (2,),
        (
            "{Twee keer per maand|Elke {dag}} een wandeling van {een uur|anderhalf uur} met {een "
            "getrainde begeleider|een rouwbegeleider}.",
            "Na afloop {koffie|thee} en ruimte voor {een gesprek|een persoonlijk gesprek}.",
            "De groep is open: {je kunt altijd aansluiten|aanmelden hoeft niet|nieuwe deelnemers "
            "zijn altijd welkom}.",
            "{Uitvaartondernemers|Uitvaartverenigingen} en {huisartsen|praktijkondersteuners} "
            "wijzen nabestaanden op de groep.",
        ),
    ),
    Concept(
        "signaleren",
        (
            "Signalen herkennen: training voor kappers, apothekers en postbezorgers in {p}",
            "Oog voor eenzaamheid: ondernemers in {p} leren signaleren",
        ),
        "een korte training over het herkennen van signalen van eenzaamheid",
        ("sociale-cohesie", "veiligheid", "gezondheid"), ("75-plussers", "werkenden"), (1,),
        (
            "De training duurt {anderhalf uur|twee uur|een avond} en gaat over signalen en {een "
            "eerste gesprek|hoe je het ter sprake brengt}.",
            "Deelnemers krijgen {een sociale kaart|een overzicht} van het aanbod in {de "
            "gemeente|de wijk}.",
            "Een herkenbare {sticker|raamsticker} op de deur laat zien: {hier kun je terecht|hier "
            "is aandacht voor je}.",
            "{Het wijkteam|De ouderenadviseur|Het sociaal team} is het vaste aanspreekpunt voor "
            "doorverwijzing.",
        ),
    ),
    Concept(
        "week",
        (
            "Week tegen Eenzaamheid in {p}: honderd kopjes koffie",
            "Een week lang ontmoeting: de Week tegen Eenzaamheid in {p}",
        ),
        "een programma van activiteiten tijdens de Week tegen Eenzaamheid",
        ("sociale-cohesie", "participatie"), ("75-plussers", "jongeren-12-25"), (1,),
        (
            "{Verenigingen|Sportclubs}, kerken en ondernemers openen hun deuren voor "
            "{ontmoeting|een kop koffie en een praatje}.",
            "Inwoners nodigen {een buur|iemand uit de straat} uit voor {een kopje koffie|een kop "
            "thee|een wandeling}.",
            "De lokale {krant|omroep|krant en omroep} {besteden|besteedt} {een week "
            "lang|dagelijks} aandacht aan eenzaamheid.",
            "{Een slotbijeenkomst|Een feestelijke afsluiting op {dag}|Een afsluitende lunch} "
            "{bedankt|zet} {alle vrijwilligers|iedereen die meedeed}{ in het zonnetje|}.",
        ),
    ),
    Concept(
        "moestuin",
        (
            "Buurtmoestuin {p}: samen zaaien, samen oogsten",
            "Groene ontmoeting: de wijktuin van {p}",
        ),
        "een gezamenlijke moestuin waar buurtbewoners samen tuinieren",
        ("leefomgeving", "sociale-cohesie", "gezondheid"),
        ("75-plussers", "nieuwkomers", "mensen-met-een-beperking"), (2,),
        (
            "Bewoners beheren de tuin zelf, met hulp van {een tuincoach|een hovenier uit de "
            "buurt|de groenafdeling van de gemeente}.",
            "Er zijn {verhoogde bakken|hoge plantenbakken} voor wie niet meer kan bukken{ of in "
            "een rolstoel zit|}.",
            "De oogst wordt {gedeeld|verdeeld onder de tuinders} of {gebruikt bij een "
            "buurtmaaltijd|gaat naar de voedselbank}.",
            "{Scholen|Kinderen van de basisschool} uit de buurt komen {regelmatig|op {dag}} "
            "helpen.",
        ),
    ),
    Concept(
        "wonen",
        (
            "Samen wonen, samen leven: een hofje voor ouderen in {p}",
            "Woonzorgcirkel {p}: buren die op elkaar letten",
        ),
        "een woonvorm waarin bewoners naar elkaar omkijken",
        ("wonen", "sociale-cohesie", "veiligheid"), ("75-plussers", "alleenstaande-ouders"), (2, 3),
        (
            "De woningcorporatie, gemeente en bewoners {ontwikkelen het plan samen|maken samen "
            "het ontwerp}.",
            "Een {gemeenschappelijke ruimte|gedeelde tuin|gezamenlijke woonkamer} is het hart van "
            "het {hofje|complex}.",
            "Bewoners spreken af hoe ze op elkaar letten, {zonder elkaars zorg over te "
            "nemen|zonder mantelzorger van elkaar te worden}.",
            "Een {buurtconciërge|huismeester|bewonersconsulent} is het aanspreekpunt.",
        ),
    ),
    Concept(
        "geldzorgen",
        (
            "Geldzorgen en eenzaamheid: één loket in {p}",
            "Schuldhulp met aandacht voor contact: de aanpak in {p}",
        ),
        "hulp bij geldzorgen gecombineerd met aandacht voor sociaal contact",
        ("armoede", "participatie", "gezondheid"), ("alleenstaande-ouders", "werkenden"), (3,),
        (
            "Schuldhulpverleners vragen {standaard|bij het eerste gesprek} naar het sociale "
            "netwerk.",
            "Deelnemers worden gekoppeld aan een {thuisadministratievrijwilliger|vrijwilliger van "
            "de thuisadministratie}.",
            "Er is een inloopspreekuur {zonder wachtlijst|op {dag}}.",
            "Ontmoetingsactiviteiten zijn gratis voor wie {een minimuminkomen heeft|een stadspas "
            "heeft}.",
        ),
    ),
    Concept(
        "taal",
        (
            "Taalmaatjes in {p}: meedoen begint met een gesprek",
            "Nieuw in {p}: ontmoeting en taal voor nieuwkomers",
        ),
        "taalmaatjes en ontmoetingsmomenten voor nieuwkomers",
        ("participatie", "discriminatie", "sociale-cohesie"), ("nieuwkomers",), (2,),
        (
            "Een taalmaatje oefent {wekelijks|een uur per week} Nederlands {in alledaagse "
            "situaties|bij de boodschappen en op de markt}.",
            "Samen gaan ze naar {de markt|de bibliotheek|een voetbalwedstrijd}{ of de sportclub|}.",
            "{Maandelijks|Elke zes weken} is er een ontmoetingsavond voor {alle koppels|alle "
            "taalmaatjes}.",
            "{Statushouders|Deelnemers} worden {ook zelf|na een jaar vaak zelf} vrijwilliger.",
        ),
    ),
    Concept(
        "bewegen",
        (
            "Bewegen en ontmoeten: wandelvoetbal voor 60-plussers in {p}",
            "Fit en samen in {p}: beweeggroepen voor ouderen",
        ),
        "laagdrempelige beweeggroepen met na afloop koffie",
        ("gezondheid", "sociale-cohesie", "participatie"), ("75-plussers",), (2,),
        (
            "{Twee keer per week|Elke {dag}|Op {dag}ochtend} {trainen|bewegen} {de "
            "deelnemers|groepjes van tien} onder begeleiding van {een beweegcoach|een "
            "fysiotherapeut}.",
            "{Huisartsen|Praktijkondersteuners|Ouderenadviseurs} en {fysiotherapeuten|de "
            "buurtsportcoach} {verwijzen door|wijzen mensen op de groep}.",
            "De derde helft{, met koffie of thee,|} is {net zo belangrijk als|minstens zo "
            "belangrijk als} {de training|het bewegen}.",
            "{Deelnemers|Wie} die een keer niet {komen|komt}, {worden|wordt} {gebeld|gebeld door "
            "een andere deelnemer|opgezocht}{ door de trainer|}.",
        ),
    ),
    Concept(
        "werk",
        (
            "Eenzaamheid op het werk: gesprekstafels bij werkgevers in {p}",
            "Verbonden aan het werk: aandacht voor eenzame werknemers in {p}",
        ),
        "gesprekstafels en een training voor leidinggevenden",
        ("gezondheid", "participatie"), ("werkenden", "mantelzorgers"), (1, 2),
        (
            "Leidinggevenden leren {hoe ze eenzaamheid bespreekbaar maken|eenzaamheid op het werk "
            "te herkennen}.",
            "Werknemers organiseren zelf {lunchwandelingen|een lunchclub} en {koffiemomenten|een "
            "vrijdagmiddagborrel}.",
            "Mantelzorgende werknemers krijgen {ruimte in hun rooster|flexibele werktijden}.",
            "Werkgevers delen hun ervaringen in {een lokaal netwerk|een regionaal netwerk|een "
            "werkgeversontbijt}.",
        ),
    ),
    Concept(
        "uitjes",
        (
            "Samen op stap: uitjes voor mensen met een beperking in {p}",
            "Erop uit in {p}: vrije tijd voor mensen met een beperking",
        ),
        "uitjes en clubavonden met begeleiding door vrijwilligers",
        ("participatie", "discriminatie", "sociale-cohesie"), ("mensen-met-een-beperking",), (2,),
        (
            "Deelnemers kiezen zelf de uitjes{, van museum tot dierentuin|, van bowling tot "
            "bioscoop|}.",
            "Vrijwilligers {begeleiden|gaan mee} en zorgen voor {vervoer|een rolstoelbus}.",
            "Activiteiten vinden plaats bij {reguliere verenigingen|gewone clubs in de wijk}, "
            "niet apart.",
            "Een ervaringsdeskundige denkt mee {in de organisatie|over het programma}.",
        ),
    ),
    Concept(
        "ouders",
        (
            "Ouders ontmoeten ouders: inloopochtenden in {p}",
            "Er alleen voor staan in {p}: steun voor alleenstaande ouders",
        ),
        "inloopochtenden en een netwerk voor alleenstaande ouders",
        ("sociale-cohesie", "armoede", "participatie"), ("alleenstaande-ouders",), (2, 3),
        (
            "Er is {kinderopvang|een speelhoek met begeleiding} tijdens de inloop{ op "
            "{dag}ochtend|}.",
            "Ouders wisselen tips uit over {opvoeding, geld en werk|school, toeslagen en "
            "werk|opvoeding en vrije tijd}.",
            "Een {welzijnswerker|gezinscoach|maatschappelijk werker} helpt bij vragen en verwijst "
            "door.",
            "Ouders organiseren samen {uitjes|een dagje weg|een kinderfeest} met de kinderen.",
        ),
    ),
    Concept(
        "zingeving",
        (
            "Levensvragen aan tafel: zingevingsgesprekken in {p}",
            "Wat doet ertoe? Gespreksgroepen over zingeving in {p}",
        ),
        "gespreksgroepen en individuele gesprekken over levensvragen",
        ("zingeving", "rouw-en-verlies", "gezondheid"), ("75-plussers", "nabestaanden"), (2,),
        (
            "Geestelijk verzorgers {in de eerste lijn|uit de regio} begeleiden de gesprekken.",
            "Groepen van {zes tot acht|vijf tot tien} deelnemers komen {acht|zes|tien} keer bij "
            "elkaar.",
            "Ook {thuis|bij iemand thuis} is een gesprek mogelijk{, zonder kosten|}.",
            "{Huisartsen|Praktijkondersteuners} en {wijkverpleging|wijkverpleegkundigen} "
            "verwijzen door.",
        ),
    ),
    Concept(
        "lokale-aanpak",
        (
            "Van plan naar praktijk: de lokale aanpak van eenzaamheid in {p}",
            "Een sluitende aanpak: de lokale coalitie tegen eenzaamheid in {p}",
        ),
        "een lokaal plan van aanpak met alle partners in de gemeente",
        ("sociale-cohesie", "participatie", "gezondheid"),
        ("75-plussers", "jongeren-12-25", "mantelzorgers"), (3,),
        (
            "De gemeente brengt {partners|organisaties en inwoners} samen in een lokale coalitie.",
            "Het bestaande aanbod wordt in kaart gebracht en {zichtbaar gemaakt|op één website "
            "gezet}.",
            "Inwoners die eenzaamheid {kennen|zelf hebben ervaren} denken mee over de aanpak.",
            "De coalitie {monitort jaarlijks de voortgang|bespreekt elk jaar wat werkt}.",
            "Er is een vaste kartrekker met {tijd en budget|uren en een eigen budget}.",
        ),
    ),
    Concept(
        "achter-de-voordeur",
        (
            "Veilig en verbonden: wijkagent en welzijn samen op huisbezoek in {p}",
            "Achter de voordeur in {p}: samen optrekken bij zorgen over inwoners",
        ),
        "gezamenlijke huisbezoeken van wijkagent en welzijnswerker",
        ("veiligheid", "sociale-cohesie", "gezondheid"),
        ("75-plussers", "mensen-met-een-beperking"), (3,),
        (
            "Signalen uit de buurt komen binnen bij {één meldpunt|één telefoonnummer}{ van het "
            "wijkteam| van de gemeente|}.",
            "{Wijkagent|De wijkagent} en {welzijnswerker|een medewerker van het wijkteam} gaan "
            "samen langs.",
            "Afspraken over {vervolgcontact|een volgend bezoek} worden {vastgelegd|met de bewoner "
            "besproken}.",
            "Bewoners krijgen informatie over {oplichting en babbeltrucs|veilig thuis wonen}.",
        ),
    ),
    Concept(
        "kunst",
        (
            "Kunst op recept in {p}: creatief bezig tegen eenzaamheid",
            "Cultuur verbindt: creatieve ateliers in {p}",
        ),
        "creatieve workshops op verwijzing van huisarts of welzijnswerker",
        ("gezondheid", "zingeving", "participatie"), ("75-plussers", "mensen-met-een-beperking"),
        (2,),
        (
            "Een huisarts of welzijnswerker verwijst naar een reeks van {acht|tien|twaalf} "
            "workshops.",
            "Kunstenaars {begeleiden|uit de regio begeleiden} {kleine groepen|groepen van zes}.",
            "De reeks eindigt met {een expositie|een voorstelling} voor familie en buren.",
            "Deelnemers kunnen daarna {doorstromen naar een vereniging|verder bij een vereniging "
            "of cursus}.",
        ),
    ),
    Concept(
        "bibliotheek",
        (
            "De bibliotheek als huiskamer van {p}",
            "Meer dan boeken: ontmoeting in de bibliotheek van {p}",
        ),
        "leesclubs, taalcafés en spreekuren in de bibliotheek",
        ("participatie", "digitale-inclusie", "sociale-cohesie"),
        ("75-plussers", "nieuwkomers", "jongeren-12-25"), (2, 3),
        (
            "Elke week een leesclub en een taalcafé{, op {dag}|}.",
            "Spreekuren van {het wijkteam|de ouderenadviseur} en de "
            "{belastingservice|formulierenhulp} in de bibliotheek.",
            "Boeken aan huis voor wie niet meer naar de bibliotheek kan{, gebracht door "
            "vrijwilligers|}.",
            "De koffie staat {altijd|de hele dag} klaar{, en de kranten liggen op tafel|}.",
        ),
    ),
    Concept(
        "telefooncirkel",
        (
            "Telefooncirkel {p}: elke ochtend een stem aan de lijn",
            "Goedemorgen {p}: dagelijks contact via de telefoon",
        ),
        "een telefooncirkel waarin deelnemers elkaar elke ochtend bellen",
        ("sociale-cohesie", "veiligheid"), ("75-plussers", "mensen-met-een-beperking"), (2,),
        (
            "Deelnemers bellen elkaar {in een vaste volgorde|elke ochtend tussen negen en tien}.",
            "Wie niet opneemt, krijgt bezoek van {een contactpersoon|een buur met een sleutel}.",
            "{Eens per maand|Elke zes weken} komt de cirkel bij elkaar voor {koffie|een lunch}.",
            "{Vrijwilligers|Een coördinator} {houden|houdt} de lijst actueel.",
        ),
    ),
    Concept(
        "generaties",
        (
            "Jong en oud: scholieren op bezoek bij ouderen in {p}",
            "Generaties ontmoeten elkaar in {p}",
        ),
        "ontmoetingen tussen scholieren en ouderen",
        ("sociale-cohesie", "participatie", "zingeving"), ("jongeren-12-25", "75-plussers"), (2,),
        (
            "Scholieren doen hun {maatschappelijke stage|stage} bij ouderen {in de wijk|in het "
            "verzorgingshuis}.",
            "Samen {koken|bakken}, {gamen|een spel doen} of {verhalen opschrijven|foto's "
            "uitzoeken}.",
            "Ouderen vertellen in de klas over {vroeger|de oorlog en de wederopbouw|hun werk}.",
            "{Na afloop|Na de stage} blijven {veel|sommige} koppels elkaar zien.",
        ),
    ),
    Concept(
        "erbij-horen",
        (
            "Iedereen hoort erbij: ontmoeting tegen uitsluiting in {p}",
            "Open gesprek in {p}: verbinden over verschillen heen",
        ),
        "dialoogtafels en ontmoetingen tussen inwoners met verschillende achtergronden",
        ("discriminatie", "sociale-cohesie", "participatie"), ("nieuwkomers", "jongeren-12-25"),
        (1, 2),
        (
            "Getrainde gespreksleiders begeleiden {dialoogtafels|gesprekken in kleine groepen}.",
            "{Moskeeën|Moskeeën en tempels}, kerken en verenigingen organiseren samen {open "
            "dagen|een iftar of buurtmaaltijd}.",
            "Ervaringen met uitsluiting worden serieus genomen en {doorgegeven|gemeld bij het "
            "antidiscriminatiebureau}.",
            "Jongeren maken {een campagne|een podcast|een fotoproject} over erbij horen.",
        ),
    ),
)
# fmt: on
