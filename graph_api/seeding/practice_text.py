"""Dutch prose for generated good practices, around a concept (practice_concepts.py).

Write-ups that share stock sentences read as generated, so every template here either names
something particular to the practice ({p} place, {org} organisation, figures) or varies
through choice groups ("{in de wijk|in het dorp}", see text.vary); the seed tests check that
no sentence appears in more than 3 % of practices. Fields: {p} place, {org} organisation,
{group} target groups, {what} the concept as a noun phrase, {year} {n} {pct} {v} {k} {m} {h}
figures, {dag} a weekday.
"""

from __future__ import annotations

from typing import Final

# fmt: off
TARGET_PHRASES: Final[dict[str, str]] = {
    "jongeren-12-25": "jongeren tussen 12 en 25 jaar",
    "studenten": "studenten",
    "75-plussers": "inwoners van 75 jaar en ouder",
    "mantelzorgers": "mantelzorgers",
    "nieuwkomers": "nieuwkomers en statushouders",
    "mensen-met-een-beperking": "mensen met een beperking",
    "nabestaanden": "nabestaanden",
    "alleenstaande-ouders": "alleenstaande ouders",
    "werkenden": "werkenden",
}
WEEKDAYS: Final = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag")
# fmt: on

# fmt: off
REASONS: Final = (
    "Uit de {gezondheidsmonitor|Gezondheidsmonitor van de GGD} van {year} bleek dat in {p} "
    "{pct}% van de {group} zich {soms|regelmatig|vaak} eenzaam voelt.",
    "Bij het opstellen van de lokale aanpak {van eenzaamheid|tegen eenzaamheid} in {p} kwam "
    "naar voren dat {group} {moeilijk te bereiken zijn|weinig gebruikmaken van het aanbod}.",
    "{Professionals en vrijwilligers|Huisartsen, wijkverpleging en vrijwilligers|"
    "Medewerkers van {org}} in {p} zagen {sinds {year}|de laatste jaren} steeds vaker "
    "signalen van eenzaamheid bij {group}.",
    "In {year} {vroeg|nodigde} {org} {een groep|een aantal} {group} uit {p} {wat zij "
    "misten|waar zij behoefte aan hadden}; {ontmoeting dichtbij huis|een vast contact} "
    "kwam {het vaakst|steeds weer} terug.",
)
REASON_FOLLOWS: Final = (
    "{Vaak|Meestal} is dat {onzichtbaar|niet te zien}: mensen {schamen zich ervoor|praten er "
    "niet over} en {zoeken zelf geen hulp|vragen niet snel om hulp}, ook niet in {p}.",
    "Het bestaande aanbod in {p} sloot {niet|nauwelijks} aan bij {hun wensen|wat zij zochten}"
    "{, zo bleek uit gesprekken| en bleef daardoor onbenut}.",
    "{org} wilde daarom iets doen, {samen met partners uit|met steun van de gemeente} {p}.",
    "{Er was behoefte aan|Gevraagd werd om} ontmoeting {dichtbij huis|in de eigen buurt}, "
    "{zonder drempels|zonder verplichtingen}: zo {begon|ontstond} het idee in {year}.",
)
APPROACH: Final = (
    "{org} werkt {sinds {year}|al enkele jaren} met {what}, {een aanpak die samen met {group} "
    "is ontwikkeld|bedacht samen met {group} uit {p}}:",
    "De kern van de aanpak in {p} is {what}; {zo ziet het er in de praktijk uit|"
    "in de praktijk gaat het zo|de onderdelen op een rij}:",
    "Met {what} wil {org} de drempel om mee te doen zo laag mogelijk maken; {de "
    "belangrijkste onderdelen|zo werkt het|wat er gebeurt}:",
    "{Sinds|Vanaf} {year} {biedt|organiseert} {org} in {p} {what}, {en dat gaat zo|"
    "stap voor stap|in het kort}:",
)
EFFECTS: Final = (
    "{Van de|Onder de} {n} deelnemers {zegt|geeft} {pct}% {aan dat ze nieuwe contacten "
    "hebben opgedaan|zich minder alleen te voelen|vaker de deur uit te gaan}.",
    "De ontmoeting staat centraal, maar het levert {meer|ook iets anders} op: "
    "{deelnemers in {p}|inwoners van {p}} {komen vaker buiten|weten de weg naar hulp beter} "
    "en {helpen op hun beurt anderen|nemen soms zelf een taak op zich}.",
    "{Wat begon als proef|Wat klein begon} is in {p} {uitgegroeid tot|geworden} een "
    "{vaste plek|vast onderdeel van het aanbod} {in de wijk|in het dorp|voor {group}}.",
    "Ook de {v} vrijwilligers van {org} {ervaren het werk als zinvol|zeggen er zelf "
    "veel aan te hebben|blijven er graag bij}.",
    "{Signalen van eenzaamheid|Zorgen over inwoners} worden in {p} {eerder|sneller} "
    "{opgemerkt|gedeeld}, en partners weten elkaar {beter|makkelijker} te vinden.",
)
TIPS: Final = (
    "{Begin klein|Start met een kleine groep} en bouw uit wat werkt, is het advies van {org}.",
    "Zorg voor een vast aanspreekpunt en investeer in {de begeleiding van vrijwilligers|"
    "training en intervisie}; {in {p} maakten zij het verschil|dat betaalde zich in {p} "
    "terug}.",
    "{Betrek de doelgroep vanaf het begin|Laat {group} zelf meedenken} en noem het woord "
    "eenzaamheid niet in de uitnodiging: {spreek liever over|{org} spreekt liever over} "
    "{ontmoeting|gezelligheid|samen iets doen}.",
    "{Werk samen met|Leg vanaf de start contact met} huisartsen, wijkverpleging en het "
    "wijkteam in {p}, zodat zij mensen kunnen doorverwijzen.",
    "Een warme overdracht werkt beter dan een folder: {in {p}|bij {org}} {haalt|brengt} een "
    "vrijwilliger {nieuwe deelnemers|wie dat wil} de eerste keer {op|mee}.",
)
PARTNERS: Final = (
    "Het project is onderdeel van de lokale {coalitie|aanpak} tegen eenzaamheid in {p}, "
    "waarin {de gemeente|gemeente}, welzijn, zorg, {kerken|levensbeschouwelijke "
    "organisaties} en verenigingen samenwerken.",
    "De financiering komt {van de gemeente {p}|uit het Wmo-budget van {p}} en {een lokaal "
    "fonds|een landelijk fonds}; vrijwilligers dragen {het grootste deel van het werk|"
    "het meeste werk}.",
    "{org} werkt hierin samen met {het wijkteam|de bibliotheek|de woningcorporatie} en "
    "{de huisartsen|de kerken|de sportclubs} in {p}.",
)
SUMMARIES: Final = (
    "{org} bereikt {group} in {p} met {what}.", "In {p} zet {org} in op {what}, voor {group}.",
    "Met {what} gaat {org} eenzaamheid onder {group} in {p} tegen.",
    "Voor {group} in {p} organiseert {org} {what}.",
)
SUMMARY_TAILS: Final = (
    "Vrijwilligers en {professionals|beroepskrachten} van {org} werken {daarbij|in {p}} "
    "nauw samen.",
    "De aanpak {uit {p}|van {org}} is {eenvoudig|goed} over te nemen in andere gemeenten.",
    "Ontmoeting staat in {p} centraal, {zonder het woord eenzaamheid voorop te zetten|"
    "zonder dat iemand zich eenzaam hoeft te noemen}.",
    "Het {initiatief|project} is {sinds {year}|inmiddels} onderdeel van de lokale aanpak "
    "{van eenzaamheid|tegen eenzaamheid} in {p}.",
    "{In {year}|Inmiddels} {doen|deden} {n} {inwoners|deelnemers} mee.",
)
RESULTS: Final = (
    "In het eerste jaar deden {n} inwoners mee; {pct}% zegt zich minder eenzaam te voelen.",
    "{n} deelnemers en {v} vrijwilligers; bij de evaluatie gaf {pct}% aan nieuwe contacten "
    "te hebben opgedaan.",
    "Het bereik groeide naar {n} deelnemers per jaar. Een meting na {zes|negen|twaalf} "
    "maanden liet bij {pct}% van de deelnemers een lagere eenzaamheidsscore zien.",
    "Er zijn {v} vrijwilligers actief. {Partners in {p} noemen de samenwerking de "
    "belangrijkste winst|De samenwerking tussen partners in {p} is de grootste winst}; de "
    "effecten op eenzaamheid {worden nog onderzocht|meet {org} in {year2}}.",
)
COSTS: Final = (
    "Ongeveer € {k}.000 per jaar, vooral voor coördinatie en onkosten van vrijwilligers.",
    "Circa € {k}.000 opstartkosten en daarna € {m}.000 per jaar.",
    "Beperkt: {ruimte en koffie worden gesponsord|de ruimte is gratis}, coördinatie kost "
    "ongeveer {h} uur per week.",
    "€ {k}.{c}00 per jaar, {gefinancierd door de gemeente en een lokaal fonds|betaald uit "
    "subsidie van de gemeente}.",
)
# fmt: on
