"""Dutch prose for generated good practices, around a concept (practice_concepts.py).

The pools vary summaries, paragraphs, results and costs so search has a real spread.
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
# fmt: on

# fmt: off
REASONS: Final = (
    "In {p} voelen veel {group} zich eenzaam, zo bleek uit de gezondheidsmonitor. Vaak is "
    "dat onzichtbaar: mensen schamen zich ervoor en zoeken zelf geen hulp.",
    "Bij het opstellen van de lokale aanpak van eenzaamheid in {p} kwam naar voren dat "
    "{group} moeilijk te bereiken zijn. Bestaand aanbod sloot niet aan bij hun wensen.",
    "Professionals en vrijwilligers in {p} zagen steeds vaker signalen van eenzaamheid bij "
    "{group}. Er was behoefte aan ontmoeting dichtbij huis, zonder drempels.",
    "Eenzaamheid heeft grote gevolgen voor gezondheid en welbevinden. In {p} wilde "
    "{org} daarom iets doen voor {group}, samen met partners uit de buurt.",
)
# fmt: on
# fmt: off
APPROACH: Final = (
    "{org} werkt met {what}. De aanpak is samen met {group} zelf ontwikkeld:",
    "De kern van de aanpak is {what}. Zo ziet het er in de praktijk uit:",
    "Met {what} wil {org} de drempel om mee te doen zo laag mogelijk maken. De belangrijkste "
    "onderdelen:",
)
# fmt: on
# fmt: off
EFFECTS: Final = (
    "Deelnemers geven aan dat ze nieuwe contacten hebben opgedaan en zich minder alleen "
    "voelen. Ook de vrijwilligers ervaren het werk als zinvol.",
    "De ontmoeting staat centraal, maar het levert meer op: mensen komen vaker buiten, "
    "weten de weg naar hulp beter te vinden en helpen op hun beurt anderen.",
    "Het initiatief is uitgegroeid tot een vaste plek in de wijk. Signalen van eenzaamheid "
    "worden eerder opgemerkt en partners weten elkaar beter te vinden.",
)
# fmt: on
# fmt: off
TIPS: Final = (
    "Begin klein en bouw uit wat werkt. Zorg voor een vast aanspreekpunt en investeer in de "
    "begeleiding van vrijwilligers; zij maken het verschil.",
    "Betrek de doelgroep vanaf het begin en noem het woord eenzaamheid niet in de "
    "uitnodiging: spreek liever over ontmoeting en gezelligheid.",
    "Werk samen met huisartsen, wijkverpleging en het wijkteam, zodat zij mensen kunnen "
    "doorverwijzen. Een warme overdracht werkt beter dan een folder.",
)
# fmt: on
# fmt: off
PARTNERS: Final = (
    "Het project is onderdeel van de lokale coalitie tegen eenzaamheid in {p}, waarin de "
    "gemeente, welzijn, zorg, kerken en verenigingen samenwerken.",
    "De financiering komt van de gemeente en een lokaal fonds; vrijwilligers dragen het "
    "grootste deel van het werk.",
)
# fmt: on
# fmt: off
SUMMARIES: Final = (
    "{org} bereikt {group} in {p} met {what}.", "In {p} zet {org} in op {what}, voor {group}.",
    "Met {what} gaat {org} eenzaamheid onder {group} tegen.",
    "Voor {group} in {p} organiseert {org} {what}.",
)
# fmt: on
# fmt: off
SUMMARY_TAILS: Final = (
    "Vrijwilligers en professionals werken daarbij nauw samen.",
    "De aanpak is eenvoudig over te nemen in andere gemeenten.",
    "Ontmoeting staat centraal, zonder het woord eenzaamheid voorop te zetten.",
    "Het initiatief is onderdeel van de lokale aanpak van eenzaamheid.",
)
# fmt: on
# fmt: off
RESULTS: Final = (
    "In het eerste jaar deden {n} inwoners mee; {pct}% zegt zich minder eenzaam te voelen.",
    "{n} deelnemers en {v} vrijwilligers; bij de evaluatie gaf {pct}% aan nieuwe contacten "
    "te hebben opgedaan.",
    "Het bereik groeide naar {n} deelnemers per jaar. Een meting na zes maanden liet bij "
    "{pct}% van de deelnemers een lagere eenzaamheidsscore zien.",
    "Er zijn {v} vrijwilligers actief. Partners noemen de samenwerking de belangrijkste winst; "
    "de effecten op eenzaamheid worden nog onderzocht.",
)
# fmt: on
# fmt: off
COSTS: Final = (
    "Ongeveer € {k}.000 per jaar, vooral voor coördinatie en onkosten van vrijwilligers.",
    "Circa € {k}.000 opstartkosten en daarna € {m}.000 per jaar.",
    "Beperkt: ruimte en koffie worden gesponsord, coördinatie kost ongeveer {h} uur per week.",
    "€ {k}.000 per jaar, gefinancierd door de gemeente en een lokaal fonds.",
)
# fmt: on
