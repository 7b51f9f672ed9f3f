"""The words of the demo directory: kinds of services and organizations, each with French and English
fragments the generator combines, so that no two descriptions are one template with a name swapped.

Everything here is fictional and written for Carrefour. Placeholders: `{place}` (a neighbourhood, in the
sentence's language) and `{org}` (the organization's name).
"""

from __future__ import annotations

from dataclasses import dataclass

T = tuple[str, str]  # (French, English)
Age = tuple[int | None, int | None] | None


@dataclass(frozen=True, slots=True)
class Elig:
    """An eligibility restriction: the core `eligibility` codes and the sentence that says it."""

    codes: tuple[str, ...]
    text: T


@dataclass(frozen=True, slots=True)
class ServiceKind:
    key: str
    needs: tuple[str, ...]  # core `needs` codes (1-2)
    names: tuple[T, ...]
    leads: tuple[T, ...]  # the opening sentence: carries the words people search for
    mode: str = "in-person"  # "in-person", "remote" (phone/online) or "line" (24/7 phone line)
    hours: tuple[str, ...] = ("weekdays",)  # schedule profiles (generate.HOURS); "none" = no schedule
    costs: tuple[str, ...] = ("free",)  # cost profiles (generate.COSTS); "none" = nothing known
    ages: tuple[Age, ...] = (None,)
    eligibility: tuple[Elig | None, ...] = (None,)
    documents: tuple[tuple[str, ...], ...] = ((),)
    access: tuple[str, ...] = ("",)  # "walk-in", "appointment-required" or ""
    apply: tuple[T, ...] = ()
    waits: tuple[T, ...] = ()
    local: bool = False  # may be reserved to the residents of its borough
    pets: bool = False  # some shelters take animals
    accreditation: T | None = None


# --- eligibility sentences, shared by several kinds ------------------------------------------------------

LOW_INCOME = Elig(
    ("low-income",), ("Personnes et familles à faible revenu.", "Individuals and families with low income.")
)
NEWCOMER = Elig(
    ("newcomer",),
    (
        "Personnes immigrantes arrivées au Canada depuis moins de cinq ans.",
        "Immigrants who arrived in Canada less than five years ago.",
    ),
)
REFUGEE = Elig(
    ("refugee",),
    (
        "Personnes réfugiées et demandeuses d'asile, quel que soit l'état de leur dossier.",
        "Refugees and asylum seekers, whatever the status of their claim.",
    ),
)
NEWCOMER_OR_REFUGEE = Elig(
    ("newcomer", "refugee"),
    (
        "Personnes immigrantes, réfugiées ou demandeuses d'asile.",
        "Immigrants, refugees and asylum seekers.",
    ),
)
HOMELESS = Elig(
    ("homeless",),
    (
        "Personnes en situation d'itinérance ou à risque de le devenir.",
        "People experiencing or at risk of homelessness.",
    ),
)
MEN_HOMELESS = Elig(
    ("men", "homeless"),
    ("Hommes en situation d'itinérance.", "Men experiencing homelessness."),
)
WOMEN_HOMELESS = Elig(
    ("women", "homeless"),
    (
        "Femmes en situation d'itinérance ou à risque de l'être.",
        "Women experiencing or at risk of homelessness.",
    ),
)
WOMEN_VIOLENCE = Elig(
    ("women", "violence-survivor"),
    (
        "Femmes victimes de violence conjugale ou familiale, avec ou sans enfants.",
        "Women who have experienced domestic or family violence, with or without children.",
    ),
)
WOMEN_GD_VIOLENCE = Elig(
    ("women", "gender-diverse", "violence-survivor"),
    (
        "Femmes et personnes trans ou non binaires victimes de violence.",
        "Women and trans or non-binary people who have experienced violence.",
    ),
)
VIOLENCE = Elig(
    ("violence-survivor",),
    (
        "Personnes victimes de violence, de tout âge et de tout genre.",
        "Survivors of violence of any age and gender.",
    ),
)
MEN = Elig(("men",), ("Hommes.", "Men."))
WOMEN = Elig(("women",), ("Femmes.", "Women."))
PARENT = Elig(("parent",), ("Parents et futurs parents.", "Parents and expectant parents."))
CAREGIVER = Elig(
    ("caregiver",),
    (
        "Proches aidants d'une personne âgée, malade ou en situation de handicap.",
        "Caregivers of an older, ill or disabled person.",
    ),
)
LGBTQ = Elig(("lgbtq",), ("Personnes LGBTQ+ et en questionnement.", "LGBTQ+ and questioning people."))
GENDER_DIVERSE = Elig(
    ("gender-diverse",), ("Personnes trans et non binaires.", "Trans and non-binary people.")
)
INDIGENOUS = Elig(
    ("indigenous",),
    (
        "Personnes autochtones (Premières Nations, Inuit et Métis) vivant à Montréal.",
        "Indigenous people (First Nations, Inuit and Métis) living in Montréal.",
    ),
)
INDIGENOUS_HOMELESS = Elig(
    ("indigenous", "homeless"),
    ("Personnes autochtones en situation d'itinérance.", "Indigenous people experiencing homelessness."),
)
VETERAN = Elig(
    ("veteran",),
    (
        "Vétérans des Forces armées canadiennes et de la GRC, et leur famille proche.",
        "Veterans of the Canadian Armed Forces and the RCMP, and their close family.",
    ),
)
STUDENT = Elig(
    ("student",),
    (
        "Étudiantes et étudiants inscrits dans un établissement d'enseignement de Montréal.",
        "Students enrolled at a Montréal school, college or university.",
    ),
)
DISABILITY = Elig(
    ("disability",),
    (
        "Personnes en situation de handicap ou en perte d'autonomie.",
        "People with disabilities or reduced autonomy.",
    ),
)

# Sentences for services without restrictions (never used when an eligibility attribute exists).
OPEN_TO_ALL: tuple[T, ...] = (
    ("Ouvert à toute la population.", "Open to everyone."),
    ("Aucune condition d'admissibilité.", "No eligibility requirements."),
    ("Service ouvert à tous, sans preuve de revenu.", "Open to all, no proof of income needed."),
)

# --- kinds of services -------------------------------------------------------------------------------------

SERVICE_KINDS: tuple[ServiceKind, ...] = (
    # Food
    ServiceKind(
        "food_bank",
        ("food-bank",),
        (
            ("Banque alimentaire", "Food bank"),
            ("Paniers d'épicerie", "Grocery hampers"),
            ("Dépannage alimentaire", "Emergency food help"),
        ),
        (
            (
                "Notre banque alimentaire remet chaque semaine un panier d'épicerie aux personnes et aux familles de "
                "{place} qui en ont besoin.",
                "Our food bank gives a weekly grocery hamper to individuals and families in {place} who need one.",
            ),
            (
                "Banque alimentaire de quartier : fruits, légumes, produits laitiers et denrées non périssables "
                "distribués une fois par semaine.",
                "Neighbourhood food bank: fruit, vegetables, dairy and non-perishable food handed out once a week.",
            ),
            (
                "La banque alimentaire offre un dépannage d'urgence et des paniers d'épicerie réguliers.",
                "The food bank offers emergency food help and regular grocery hampers.",
            ),
            (
                "Service de banque alimentaire pour les ménages de {place}, avec des paniers adaptés à la taille de "
                "la famille.",
                "Food bank service for households in {place}, with hampers sized to the family.",
            ),
        ),
        hours=("distribution", "distribution", "distribution-am", "weekdays-lunch"),
        costs=("free", "free", "free", "free", "hamper", "none"),
        eligibility=(None, None, LOW_INCOME, LOW_INCOME),
        documents=((), (), ("proof-of-address",), ("proof-of-address", "proof-of-income"), ("photo-id",)),
        access=("walk-in", "appointment-required", ""),
        apply=(
            (
                "Présentez-vous lors de la première visite pour une courte inscription.",
                "Come in for a short registration on your first visit.",
            ),
            (
                "Inscription par téléphone le lundi précédant la distribution.",
                "Register by phone on the Monday before the distribution.",
            ),
        ),
        waits=(("Aucune attente pour un dépannage d'urgence.", "No wait for emergency help."),),
        local=True,
    ),
    ServiceKind(
        "food_bank_students",
        ("food-bank",),
        (("Banque alimentaire étudiante", "Student food bank"),),
        (
            (
                "Banque alimentaire réservée aux étudiants : paniers d'épicerie gratuits pendant les sessions "
                "d'automne et d'hiver.",
                "Food bank for students: free grocery hampers during the fall and winter terms.",
            ),
            (
                "Une banque alimentaire tenue par des étudiants, pour des étudiants qui manquent de nourriture en fin "
                "de mois.",
                "A food bank run by students, for students who run short of food at the end of the month.",
            ),
        ),
        hours=("distribution", "mixed"),
        eligibility=(STUDENT,),
        documents=(("photo-id",),),
        access=("walk-in",),
    ),
    ServiceKind(
        "food_bank_baby",
        ("food-bank",),
        (
            ("Paniers bébé", "Baby hampers"),
            ("Banque alimentaire pour tout-petits", "Food bank for little ones"),
        ),
        (
            (
                "Banque alimentaire pour tout-petits : lait maternisé, purées et couches pour les parents d'enfants de "
                "moins de deux ans.",
                "Food bank for little ones: formula, baby food and diapers for parents of children under two.",
            ),
            (
                "Chaque mois, la banque alimentaire prépare des paniers bébé avec lait, céréales pour nourrissons et "
                "produits d'hygiène.",
                "Each month the food bank prepares baby hampers with formula, infant cereal and hygiene products.",
            ),
        ),
        hours=("distribution-am", "distribution"),
        eligibility=(PARENT,),
        documents=((), ("proof-of-address",)),
        access=("appointment-required",),
    ),
    ServiceKind(
        "community_grocery",
        ("food-bank",),
        (("Épicerie solidaire", "Community grocery"), ("Marché solidaire", "Solidarity market")),
        (
            (
                "Épicerie solidaire où les membres achètent des aliments frais à prix réduit, en complément de la banque "
                "alimentaire.",
                "Community grocery where members buy fresh food at reduced prices, as a step beyond the food bank.",
            ),
            (
                "Un marché à prix modique qui prend le relais de la banque alimentaire : on y choisit soi-même ses "
                "produits.",
                "A low-price market that takes over from the food bank: people choose their own groceries.",
            ),
        ),
        hours=("weekdays-late", "mixed", "weekend"),
        costs=("membership",),
        eligibility=(None, LOW_INCOME),
        access=("walk-in",),
        local=True,
    ),
    ServiceKind(
        "meals_lunch",
        ("meals",),
        (
            ("Repas communautaires", "Community meals"),
            ("Dîners à petit prix", "Low-cost lunches"),
            ("Cantine solidaire", "Community canteen"),
        ),
        (
            (
                "Repas chauds et complets servis le midi dans une ambiance conviviale.",
                "Hot, complete meals served at lunchtime in a friendly setting.",
            ),
            (
                "Chaque midi de semaine, notre équipe de bénévoles sert un repas équilibré à petit prix.",
                "Every weekday at noon, our volunteer team serves a balanced meal at a low price.",
            ),
            (
                "Une cantine de quartier où l'on mange bien pour quelques dollars, à côté des voisins.",
                "A neighbourhood canteen where you eat well for a few dollars, next to your neighbours.",
            ),
        ),
        hours=("lunch",),
        costs=("meal", "meal", "free"),
        access=("walk-in",),
    ),
    ServiceKind(
        "meals_supper",
        ("meals",),
        (("Souper communautaire", "Community supper"), ("Repas du soir", "Evening meal")),
        (
            (
                "Souper chaud servi gratuitement tous les soirs aux personnes seules, itinérantes ou à faible revenu.",
                "A hot supper served free every evening to people living alone, homeless or on a low income.",
            ),
            (
                "Repas du soir sans inscription : soupe, plat principal et dessert, préparés avec des dons de "
                "commerçants.",
                "Evening meal with no registration: soup, main course and dessert, cooked from merchants' donations.",
            ),
        ),
        hours=("supper",),
        costs=("free",),
        access=("walk-in",),
    ),
    ServiceKind(
        "meals_breakfast",
        ("meals",),
        (("Petits-déjeuners", "Breakfast program"), ("Déjeuners et dîners", "Breakfast and lunch")),
        (
            (
                "Petit-déjeuner et dîner servis gratuitement en semaine, avec café et collations toute la journée.",
                "Free breakfast and lunch on weekdays, with coffee and snacks all day.",
            ),
            (
                "Un déjeuner chaud pour bien commencer la journée, offert à toute personne qui se présente.",
                "A hot breakfast to start the day, offered to anyone who walks in.",
            ),
        ),
        hours=("breakfast-lunch",),
        eligibility=(None, HOMELESS),
        access=("walk-in",),
    ),
    ServiceKind(
        "meals_collective",
        ("meals",),
        (
            ("Cuisine collective", "Collective kitchen"),
            ("Ateliers de cuisine collective", "Group cooking sessions"),
        ),
        (
            (
                "Des groupes de quatre à six personnes planifient, cuisinent et partagent des repas à faible coût "
                "qu'elles rapportent à la maison.",
                "Groups of four to six people plan, cook and share low-cost meals that they take home.",
            ),
            (
                "En cuisine collective, on met en commun temps, argent et savoir-faire pour préparer plusieurs repas "
                "par mois.",
                "In a collective kitchen, people pool time, money and skills to cook several meals a month.",
            ),
        ),
        hours=("mixed", "evenings", "weekdays-lunch"),
        costs=("portion",),
        access=("appointment-required", ""),
        apply=(
            (
                "Inscription auprès de l'animatrice; les groupes se forment au début de chaque saison.",
                "Sign up with the facilitator; groups start at the beginning of each season.",
            ),
        ),
        local=True,
    ),
    ServiceKind(
        "meal_delivery",
        ("meal-delivery",),
        (("Popote roulante", "Meals on wheels"), ("Livraison de repas chauds", "Hot meal delivery")),
        (
            (
                "Des bénévoles livrent à domicile des repas chauds et abordables aux aînés et aux personnes en perte "
                "d'autonomie.",
                "Volunteers deliver hot, affordable meals to seniors and people with reduced autonomy.",
            ),
            (
                "La popote roulante apporte le dîner à la porte, trois à cinq fois par semaine, et prend des nouvelles "
                "au passage.",
                "Meals on wheels brings lunch to your door three to five times a week, and checks in on you.",
            ),
        ),
        hours=("delivery",),
        costs=("delivery",),
        ages=((65, None), (65, None), None),
        eligibility=(None, DISABILITY),
        apply=(
            (
                "Appelez-nous : une intervenante évalue vos besoins par téléphone avant la première livraison.",
                "Call us: a worker assesses your needs by phone before the first delivery.",
            ),
        ),
        local=True,
    ),
    ServiceKind(
        "meal_delivery_frozen",
        ("meal-delivery",),
        (("Repas surgelés livrés", "Frozen meal delivery"),),
        (
            (
                "Livraison à domicile de repas surgelés maison, préparés en cuisine collective et vendus au prix "
                "coûtant.",
                "Home delivery of homemade frozen meals, cooked in our kitchen and sold at cost.",
            ),
        ),
        hours=("delivery",),
        costs=("delivery",),
        ages=((65, None), None),
        eligibility=(None, DISABILITY),
        local=True,
    ),
    ServiceKind(
        "food_general",
        ("food",),
        (("Aide alimentaire", "Food assistance"),),
        (
            (
                "Aide alimentaire sous plusieurs formes : dépannage, repas partagés et ateliers de cuisine.",
                "Food help in several forms: emergency food, shared meals and cooking workshops.",
            ),
            (
                "Point d'accueil en sécurité alimentaire qui oriente vers le bon service selon la situation de chacun.",
                "A food security drop-in that points each person to the right service for their situation.",
            ),
        ),
        hours=("weekdays", "mixed"),
        access=("walk-in",),
    ),
    # Shelter
    ServiceKind(
        "shelter_men",
        ("emergency-shelter",),
        (
            ("Hébergement d'urgence pour hommes", "Emergency shelter for men"),
            ("Refuge de nuit", "Night shelter"),
        ),
        (
            (
                "Hébergement d'urgence de nuit pour hommes en situation d'itinérance : lit, douche, souper et déjeuner.",
                "Overnight emergency shelter for men experiencing homelessness: bed, shower, supper and breakfast.",
            ),
            (
                "Refuge offrant un hébergement d'urgence sans rendez-vous aux hommes de 18 ans et plus.",
                "Walk-in emergency shelter for men aged 18 and over.",
            ),
            (
                "Une centaine de lits d'hébergement d'urgence, attribués chaque soir selon l'ordre d'arrivée.",
                "About a hundred emergency shelter beds, given out each evening in order of arrival.",
            ),
        ),
        hours=("overnight", "overnight-late", "always"),
        ages=((18, None),),
        eligibility=(MEN_HOMELESS,),
        access=("walk-in",),
        pets=True,
    ),
    ServiceKind(
        "shelter_women",
        ("emergency-shelter", "violence-support"),
        (
            ("Hébergement d'urgence pour femmes", "Emergency shelter for women"),
            ("Maison d'hébergement", "Women's shelter"),
        ),
        (
            (
                "Hébergement sécuritaire et confidentiel pour les femmes victimes de violence conjugale et leurs enfants.",
                "Safe, confidential shelter for women who have experienced domestic violence and their children.",
            ),
            (
                "Maison d'hébergement d'urgence offrant un milieu de vie sûr, du soutien et de l'accompagnement aux "
                "femmes et à leurs enfants.",
                "Emergency shelter offering a safe home, support and accompaniment to women and their children.",
            ),
        ),
        hours=("always",),
        eligibility=(WOMEN_VIOLENCE, WOMEN_VIOLENCE, WOMEN_GD_VIOLENCE),
        apply=(
            (
                "Appelez notre ligne 24 h pour vérifier la disponibilité d'une place; l'adresse est confidentielle.",
                "Call our 24-hour line to check for a bed; the address is confidential.",
            ),
        ),
    ),
    ServiceKind(
        "shelter_women_homeless",
        ("emergency-shelter",),
        (
            ("Refuge pour femmes", "Shelter for women"),
            ("Hébergement de nuit pour femmes", "Night shelter for women"),
        ),
        (
            (
                "Hébergement d'urgence pour les femmes sans domicile : un lit, un repas chaud et une écoute, sans "
                "condition.",
                "Emergency shelter for homeless women: a bed, a hot meal and someone to talk to, no conditions.",
            ),
            (
                "Hébergement de nuit pour femmes, avec casiers, buanderie et intervenantes sur place toute la nuit.",
                "Night shelter for women, with lockers, laundry and workers on site all night.",
            ),
        ),
        hours=("overnight", "always"),
        ages=((18, None), None),
        eligibility=(WOMEN_HOMELESS,),
        access=("walk-in",),
        pets=True,
    ),
    ServiceKind(
        "shelter_teens",
        ("emergency-shelter",),
        (("Hébergement jeunesse", "Youth shelter"),),
        (
            (
                "Hébergement d'urgence de courte durée pour les jeunes de 12 à 17 ans en rupture avec leur milieu "
                "familial.",
                "Short-term emergency shelter for young people aged 12 to 17 who can no longer stay at home.",
            ),
            (
                "Une maison d'hébergement où les adolescents en crise trouvent un lit, un repas et un adulte à qui "
                "parler.",
                "A shelter where teenagers in crisis find a bed, a meal and an adult to talk to.",
            ),
        ),
        hours=("always",),
        ages=((12, 17),),
        access=("walk-in",),
    ),
    ServiceKind(
        "shelter_young_adults",
        ("emergency-shelter",),
        (
            ("Refuge jeunesse", "Youth shelter"),
            ("Hébergement d'urgence 16-25 ans", "Emergency shelter for ages 16-25"),
        ),
        (
            (
                "Hébergement d'urgence pour les jeunes de 16 à 25 ans en situation d'itinérance, avec un "
                "accompagnement vers un logement stable.",
                "Shelter for young people aged 16 to 25 experiencing homelessness, with support towards stable housing.",
            ),
            (
                "Hébergement d'urgence pour jeunes adultes : chambres partagées, repas et intervenants disponibles "
                "jour et nuit.",
                "Emergency shelter for young adults: shared rooms, meals and youth workers available day and night.",
            ),
        ),
        hours=("overnight", "always"),
        ages=((16, 25),),
        eligibility=(HOMELESS,),
        access=("walk-in",),
    ),
    ServiceKind(
        "shelter_mixed",
        ("emergency-shelter",),
        (
            ("Hébergement d'urgence mixte", "All-gender emergency shelter"),
            ("Halte de nuit", "Overnight drop-in"),
        ),
        (
            (
                "Hébergement d'urgence mixte et inclusif, ouvert aux personnes de toutes identités de genre, avec des "
                "chambres réservées aux personnes trans et non binaires.",
                "Inclusive all-gender emergency shelter, with rooms set aside for trans and non-binary people.",
            ),
            (
                "Un hébergement à bas seuil : on y entre avec son animal, son partenaire et ses affaires, sans exigence de "
                "sobriété.",
                "A low-barrier shelter: people come in with their pet, their partner and their belongings, and "
                "sobriety is not required.",
            ),
        ),
        hours=("overnight", "overnight-late"),
        ages=((18, None),),
        eligibility=(HOMELESS,),
        access=("walk-in",),
        pets=True,
    ),
    ServiceKind(
        "shelter_winter",
        ("emergency-shelter",),
        (("Halte-chaleur hivernale", "Winter warming centre"),),
        (
            (
                "De décembre à mars, une halte-chaleur offre un hébergement d'urgence, des boissons chaudes et un "
                "endroit pour se reposer.",
                "From December to March, a warming centre offers emergency shelter, hot drinks and a place to rest.",
            ),
        ),
        hours=("overnight-late",),
        eligibility=(HOMELESS,),
        access=("walk-in",),
    ),
    ServiceKind(
        "transitional_women",
        ("transitional-housing",),
        (("Logements de deuxième étape", "Second-stage housing"),),
        (
            (
                "Des appartements de transition sécuritaires, pour six à dix-huit mois, où les femmes reprennent pied "
                "après un séjour en maison d'hébergement.",
                "Safe transitional apartments for six to eighteen months, where women get back on their feet after a "
                "stay in a shelter.",
            ),
        ),
        hours=("weekdays", "none"),
        costs=("rent",),
        eligibility=(WOMEN_VIOLENCE,),
        access=("appointment-required",),
        waits=(("Liste d'attente de trois à six mois.", "Waiting list of three to six months."),),
    ),
    ServiceKind(
        "transitional_men",
        ("transitional-housing",),
        (("Logements de transition", "Transitional housing"), ("Studios supervisés", "Supported studios")),
        (
            (
                "Studios meublés de transition pour hommes qui quittent la rue ou un hébergement d'urgence, avec un "
                "suivi individuel.",
                "Furnished transitional studios for men leaving the street or an emergency shelter, with one-on-one "
                "support.",
            ),
            (
                "Hébergement de transition d'une durée maximale de deux ans, avec un intervenant attitré et des "
                "ateliers de vie en appartement.",
                "Transitional shelter for up to two years, with an assigned worker and workshops on living on your "
                "own.",
            ),
        ),
        hours=("weekdays", "none"),
        costs=("rent",),
        ages=((18, None),),
        eligibility=(MEN_HOMELESS, HOMELESS),
        documents=(("photo-id",), ("referral-letter",), ()),
        access=("appointment-required",),
        waits=(("Environ deux mois d'attente.", "About two months' wait."),),
    ),
    ServiceKind(
        "transitional_youth",
        ("transitional-housing",),
        (("Appartements supervisés jeunesse", "Supervised apartments for youth"),),
        (
            (
                "Des appartements supervisés, un hébergement de transition pour les jeunes de 16 à 25 ans qui "
                "apprennent à vivre seuls, avec un loyer adapté à leur revenu.",
                "Supervised apartments, a transitional shelter for young people aged 16 to 25 learning to live on "
                "their own, with rent geared to income.",
            ),
        ),
        hours=("none", "weekdays"),
        costs=("rent",),
        ages=((16, 25),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "shelter_general",
        ("shelter",),
        (("Accueil et orientation en hébergement", "Shelter intake and referral"),),
        (
            (
                "Point d'accueil qui évalue les besoins et oriente vers un hébergement d'urgence ou de transition "
                "disponible le soir même.",
                "An intake desk that assesses needs and finds an emergency or transitional shelter bed for the same "
                "night.",
            ),
        ),
        hours=("weekdays-late", "always"),
        access=("walk-in",),
    ),
    # Housing
    ServiceKind(
        "housing_search",
        ("housing-search",),
        (
            ("Aide à la recherche de logement", "Housing search help"),
            ("Accompagnement en logement", "Housing support"),
        ),
        (
            (
                "Une intervenante aide à chercher un logement abordable : annonces, visites, lettres et préparation de "
                "la rencontre avec le propriétaire.",
                "A worker helps you look for affordable housing: listings, visits, letters and getting ready to meet "
                "the landlord.",
            ),
            (
                "Accompagnement personnalisé pour trouver et garder un logement, en particulier pour les ménages qui "
                "vivent une éviction.",
                "One-on-one support to find and keep a home, especially for households facing eviction.",
            ),
        ),
        hours=("weekdays", "weekdays-lunch", "mixed"),
        eligibility=(None, None, LOW_INCOME, HOMELESS),
        documents=((), ("proof-of-income",)),
        access=("appointment-required", ""),
        local=True,
    ),
    ServiceKind(
        "housing_search_newcomer",
        ("housing-search",),
        (("Logement pour nouveaux arrivants", "Housing for newcomers"),),
        (
            (
                "Aide aux personnes nouvellement arrivées pour trouver un premier logement à Montréal et comprendre "
                "le bail.",
                "Help for newcomers to find a first home in Montréal and understand the lease.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(NEWCOMER_OR_REFUGEE,),
        documents=(("immigration-papers",), ()),
        access=("appointment-required",),
    ),
    ServiceKind(
        "social_housing",
        ("housing-search",),
        (("Inscription aux logements sociaux", "Social housing applications"),),
        (
            (
                "Aide pour remplir les demandes de HLM, de coopératives d'habitation et d'OBNL en habitation.",
                "Help filling in applications for public housing, housing co-ops and non-profit housing.",
            ),
        ),
        hours=("weekdays-lunch", "mixed"),
        eligibility=(LOW_INCOME,),
        documents=(("proof-of-income", "proof-of-address"), ("photo-id", "proof-of-income")),
        access=("appointment-required",),
        local=True,
    ),
    ServiceKind(
        "housing_line",
        ("housing-search",),
        (("Ligne info-logement", "Housing info line"),),
        (
            (
                "Par téléphone, des conseillers répondent aux questions sur la recherche de logement, les "
                "subventions et les logements sociaux.",
                "By phone, advisers answer questions about finding housing, rent subsidies and social housing.",
            ),
        ),
        mode="remote",
        hours=("line-day",),
    ),
    ServiceKind(
        "rent_assistance",
        ("rent-assistance",),
        (
            ("Aide au loyer d'urgence", "Emergency rent help"),
            ("Aide pour les factures d'énergie", "Help with energy bills"),
        ),
        (
            (
                "Un soutien ponctuel pour payer un loyer en retard et éviter l'expulsion, avec une entente de "
                "paiement négociée avec le propriétaire.",
                "One-time help to pay late rent and avoid eviction, with a payment plan negotiated with the landlord.",
            ),
            (
                "Aide pour négocier une entente avec le fournisseur d'électricité et éviter une interruption de "
                "service.",
                "Help negotiating a payment plan with the electricity provider to avoid a disconnection.",
            ),
        ),
        hours=("weekdays", "weekdays-lunch"),
        eligibility=(LOW_INCOME,),
        documents=(("proof-of-income", "proof-of-address"), ("proof-of-income",)),
        access=("appointment-required",),
        local=True,
    ),
    ServiceKind(
        "tenant_rights",
        ("tenant-rights",),
        (
            ("Information sur les droits des locataires", "Tenant rights information"),
            ("Accompagnement au Tribunal du logement", "Support at the housing tribunal"),
            ("Permanence locataires", "Tenants' drop-in"),
        ),
        (
            (
                "Information et conseils sur les droits des locataires : hausse de loyer, réparations, reprise de "
                "logement et éviction.",
                "Information and advice on tenant rights: rent increases, repairs, repossession and eviction.",
            ),
            (
                "Le comité logement aide les locataires à faire valoir leurs droits, à rédiger une mise en demeure et "
                "à se préparer à une audience.",
                "The housing committee helps tenants assert their rights, write a formal notice and prepare for a "
                "hearing.",
            ),
            (
                "Permanence téléphonique et sans rendez-vous pour les locataires qui vivent un problème avec leur "
                "propriétaire.",
                "Phone and walk-in hours for tenants having trouble with their landlord.",
            ),
        ),
        hours=("mixed", "weekdays-lunch", "weekdays"),
        access=("walk-in", "appointment-required", ""),
        local=True,
    ),
    ServiceKind(
        "tenant_line",
        ("tenant-rights",),
        (("Ligne d'information pour locataires", "Tenant information line"),),
        (
            (
                "Une ligne téléphonique où des conseillers expliquent les droits et recours des locataires partout "
                "sur l'île.",
                "A phone line where advisers explain tenants' rights and remedies anywhere on the island.",
            ),
        ),
        mode="remote",
        hours=("weekdays-lunch", "line-day"),
    ),
    ServiceKind(
        "lease_workshops",
        ("tenant-rights",),
        (("Ateliers sur le bail", "Lease workshops"),),
        (
            (
                "Ateliers en soirée pour comprendre son bail, la hausse de loyer et le renouvellement du 1er juillet.",
                "Evening workshops on understanding your lease, rent increases and the July 1st renewal.",
            ),
        ),
        hours=("evenings",),
        local=True,
    ),
    ServiceKind(
        "housing_general",
        ("housing",),
        (("Guichet logement", "Housing desk"),),
        (
            (
                "Un guichet unique pour toutes les questions de logement : recherche, droits, loyer et salubrité.",
                "A one-stop desk for all housing questions: finding a home, rights, rent and unsafe conditions.",
            ),
        ),
        hours=("weekdays", "mixed"),
        access=("walk-in",),
        local=True,
    ),
    # Health
    ServiceKind(
        "medical_clinic",
        ("medical-care",),
        (
            ("Clinique sans rendez-vous", "Walk-in clinic"),
            ("Soins infirmiers de proximité", "Community nursing"),
        ),
        (
            (
                "Infirmières et médecins reçoivent les personnes sans médecin de famille pour des problèmes de santé "
                "courants.",
                "Nurses and doctors see people without a family doctor for common health problems.",
            ),
            (
                "Clinique de proximité : consultations médicales, vaccination, dépistage et renouvellement "
                "d'ordonnances.",
                "Community clinic: medical visits, vaccination, screening and prescription renewals.",
            ),
        ),
        hours=("clinic", "weekdays-830"),
        documents=((), ("health-card",), ("health-card",)),
        access=("walk-in", "appointment-required"),
        accreditation=(
            "Soins offerts par des professionnels membres de leur ordre professionnel.",
            "Care provided by professionals registered with their regulatory college.",
        ),
    ),
    ServiceKind(
        "medical_uninsured",
        ("medical-care",),
        (("Soins pour personnes sans assurance maladie", "Care for people without health insurance"),),
        (
            (
                "Consultations médicales gratuites et confidentielles pour les personnes migrantes sans couverture "
                "d'assurance maladie.",
                "Free, confidential medical care for migrants without health insurance coverage.",
            ),
            (
                "Une clinique bénévole qui soigne les personnes sans carte d'assurance maladie, sans poser de "
                "questions sur le statut.",
                "A volunteer clinic caring for people without a health card, with no questions about status.",
            ),
        ),
        hours=("evenings", "saturday"),
        eligibility=(NEWCOMER_OR_REFUGEE, REFUGEE),
        access=("walk-in",),
    ),
    ServiceKind(
        "street_nursing",
        ("medical-care", "addiction"),
        (("Infirmerie de rue", "Street nursing"),),
        (
            (
                "Des infirmières rencontrent les personnes de la rue là où elles sont : soins de plaies, dépistage et "
                "matériel de réduction des méfaits.",
                "Nurses meet people living on the street where they are: wound care, testing and harm reduction "
                "supplies.",
            ),
        ),
        hours=("weekdays-late", "mixed"),
        eligibility=(HOMELESS, None),
        access=("walk-in",),
    ),
    ServiceKind(
        "dental_clinic",
        ("dental-care",),
        (("Soins dentaires à tarif réduit", "Low-cost dental care"), ("Clinique dentaire", "Dental clinic")),
        (
            (
                "Des dentistes bénévoles offrent des soins dentaires de base à tarif réduit : examens, nettoyages, "
                "plombages et extractions.",
                "Volunteer dentists provide basic dental care at reduced rates: check-ups, cleanings, fillings and "
                "extractions.",
            ),
            (
                "Clinique de soins dentaires communautaires où un dentiste reçoit les adultes à faible revenu et les "
                "personnes sans assurance dentaire.",
                "Community dental clinic where a dentist sees low-income adults and people without dental insurance.",
            ),
            (
                "Soins dentaires d'urgence (douleur, infection, dent cassée) avec un dentiste, sur rendez-vous le jour "
                "même quand c'est possible.",
                "Emergency dental care (pain, infection, broken tooth) with a dentist, same-day appointments when "
                "possible.",
            ),
        ),
        hours=("clinic", "weekdays-830", "mixed"),
        costs=("dental", "dental", "free"),
        eligibility=(None, LOW_INCOME),
        documents=(("health-card",), ("proof-of-income",), ()),
        access=("appointment-required",),
        waits=(
            (
                "Environ trois semaines pour un premier rendez-vous.",
                "About three weeks for a first appointment.",
            ),
            (
                "Urgences vues le jour même selon les places.",
                "Emergencies seen the same day when there is room.",
            ),
        ),
        accreditation=(
            "Soins donnés par des dentistes membres de l'Ordre des dentistes du Québec.",
            "Care given by dentists registered with the Québec order of dentists.",
        ),
    ),
    ServiceKind(
        "dental_kids",
        ("dental-care",),
        (("Soins dentaires pour enfants", "Children's dental care"),),
        (
            (
                "Un dentiste et une hygiéniste offrent gratuitement des soins dentaires préventifs aux enfants et aux "
                "adolescents.",
                "A dentist and a hygienist give free preventive dental care to children and teenagers.",
            ),
        ),
        hours=("clinic", "weekdays"),
        costs=("free",),
        ages=((0, 17),),
        documents=(("health-card",),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "dental_seniors",
        ("dental-care",),
        (("Soins dentaires pour aînés", "Dental care for seniors"),),
        (
            (
                "Soins dentaires adaptés aux aînés : examen par un dentiste, nettoyage et réparation de prothèses à "
                "petit prix.",
                "Dental care for seniors: a check-up with a dentist, cleaning and low-cost denture repairs.",
            ),
        ),
        hours=("weekdays-lunch",),
        costs=("dental",),
        ages=((65, None),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "mental_health_counselling",
        ("mental-health",),
        (
            ("Suivi psychosocial", "Psychosocial counselling"),
            ("Consultation psychologique à faible coût", "Low-cost counselling"),
        ),
        (
            (
                "Rencontres individuelles avec une travailleuse sociale ou une psychologue pour traverser une période "
                "difficile : anxiété, deuil, épuisement.",
                "One-on-one sessions with a social worker or psychologist to get through a hard time: anxiety, grief, "
                "burnout.",
            ),
            (
                "Psychothérapie à tarif modulé selon le revenu, offerte par des thérapeutes en fin de formation "
                "supervisés.",
                "Psychotherapy with fees based on income, offered by supervised therapists completing their training.",
            ),
        ),
        hours=("weekdays-late", "weekdays", "mixed"),
        costs=("counselling", "free"),
        ages=(None, (18, None)),
        access=("appointment-required",),
        waits=(("Liste d'attente de quatre à six semaines.", "Waiting list of four to six weeks."),),
    ),
    ServiceKind(
        "mental_health_day",
        ("mental-health", "peer-support"),
        (("Centre de jour en santé mentale", "Mental health day centre"),),
        (
            (
                "Un centre de jour où les personnes vivant avec un trouble de santé mentale participent à des "
                "activités, des ateliers et des repas partagés.",
                "A day centre where people living with a mental health condition take part in activities, workshops "
                "and shared meals.",
            ),
        ),
        hours=("weekdays",),
        ages=((18, None), None),
        access=("walk-in",),
    ),
    ServiceKind(
        "warmline",
        ("mental-health",),
        (("Ligne d'écoute du soir", "Evening support line"),),
        (
            (
                "Des bénévoles formés écoutent, le soir et la nuit, les personnes qui se sentent seules ou anxieuses.",
                "Trained volunteers listen in the evening and at night to people feeling lonely or anxious.",
            ),
        ),
        mode="remote",
        hours=("line-evening",),
    ),
    ServiceKind(
        "mental_health_students",
        ("mental-health",),
        (("Soutien psychologique étudiant", "Student mental health support"),),
        (
            (
                "Rencontres gratuites avec une intervenante pour les étudiants qui vivent du stress, de l'anxiété ou "
                "de l'isolement.",
                "Free sessions with a counsellor for students dealing with stress, anxiety or isolation.",
            ),
        ),
        hours=("weekdays",),
        ages=((16, None),),
        eligibility=(STUDENT,),
        access=("appointment-required",),
    ),
    ServiceKind(
        "addiction_counselling",
        ("addiction",),
        (("Suivi en dépendances", "Addiction counselling"), ("Groupe de rétablissement", "Recovery group")),
        (
            (
                "Accompagnement individuel et en groupe pour les personnes qui veulent réduire ou arrêter leur "
                "consommation d'alcool, de drogues ou de jeux de hasard.",
                "Individual and group support for people who want to cut down or stop drinking, using drugs or "
                "gambling.",
            ),
            (
                "Rencontres de rétablissement hebdomadaires animées par des pairs aidants qui ont eux-mêmes vécu une "
                "dépendance.",
                "Weekly recovery meetings led by peer workers who have lived with addiction themselves.",
            ),
        ),
        hours=("weekdays-late", "evenings"),
        ages=((18, None), None),
        access=("appointment-required", "walk-in"),
    ),
    ServiceKind(
        "harm_reduction",
        ("addiction",),
        (("Réduction des méfaits", "Harm reduction"),),
        (
            (
                "Distribution de matériel de consommation stérile et de naloxone, dépistage et écoute sans jugement.",
                "Sterile drug-use supplies and naloxone, testing, and non-judgmental support.",
            ),
        ),
        hours=("weekdays-late", "always"),
        access=("walk-in",),
    ),
    ServiceKind(
        "addiction_residential",
        ("addiction", "transitional-housing"),
        (("Thérapie en résidence", "Residential treatment"),),
        (
            (
                "Programme de thérapie de huit semaines avec hébergement en résidence, suivi d'un accompagnement au "
                "retour dans la communauté.",
                "Eight-week treatment program with shelter in a residence, followed by support when returning to the "
                "community.",
            ),
        ),
        hours=("always",),
        costs=("free", "none"),
        ages=((18, None),),
        documents=(("referral-letter", "health-card"), ("health-card",)),
        access=("appointment-required",),
        waits=(("Admission en deux à quatre semaines.", "Admission in two to four weeks."),),
    ),
    ServiceKind(
        "addiction_youth",
        ("addiction",),
        (("Prévention des dépendances jeunesse", "Youth addiction prevention"),),
        (
            (
                "Des intervenants rencontrent les jeunes et leurs parents pour parler de consommation, d'écrans et de "
                "jeux, sans jugement.",
                "Youth workers meet teens and their parents to talk about substance use, screens and gaming, without "
                "judgment.",
            ),
        ),
        hours=("after-school", "weekdays"),
        ages=((12, 17),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "health_general",
        ("health",),
        (("Accueil santé", "Health drop-in"), ("Promotion de la santé", "Health promotion")),
        (
            (
                "Accueil, information et orientation en santé : prise de tension, conseils et références vers le "
                "réseau public.",
                "Health information and referral: blood pressure checks, advice and referrals to the public system.",
            ),
            (
                "Ateliers de santé et de prévention en petits groupes, animés par une infirmière du quartier.",
                "Small-group health and prevention workshops led by a local nurse.",
            ),
        ),
        hours=("weekdays-lunch", "mixed"),
        access=("walk-in",),
    ),
    # Crisis
    ServiceKind(
        "crisis_line",
        ("crisis-line",),
        (
            ("Ligne d'écoute 24/7", "24/7 support line"),
            ("Ligne de crise", "Crisis line"),
            ("Ligne de prévention du suicide", "Suicide prevention line"),
        ),
        (
            (
                "Des intervenants formés répondent jour et nuit, gratuitement et en toute confidentialité, aux "
                "personnes en détresse.",
                "Trained responders answer day and night, free and confidential, for anyone in distress.",
            ),
            (
                "Une ligne de crise ouverte 24 heures sur 24 pour les personnes qui pensent au suicide et pour leurs "
                "proches.",
                "A crisis line open 24 hours a day for people thinking about suicide and for those close to them.",
            ),
        ),
        mode="line",
        hours=("always",),
    ),
    ServiceKind(
        "crisis_line_youth",
        ("crisis-line",),
        (("Ligne jeunesse 24/7", "24/7 youth line"),),
        (
            (
                "Ligne d'écoute pour les jeunes, par téléphone et par texto, jour et nuit, pour parler de tout ce qui "
                "pèse.",
                "A support line for young people, by phone and text, day and night, to talk about anything weighing "
                "on them.",
            ),
        ),
        mode="line",
        hours=("always",),
        ages=((12, 17),),
    ),
    ServiceKind(
        "crisis_line_violence",
        ("crisis-line", "violence-support"),
        (("Ligne d'urgence violence conjugale", "Domestic violence helpline"),),
        (
            (
                "Ligne d'urgence 24/7 pour les victimes de violence conjugale et leurs proches : écoute, plan de "
                "sécurité et orientation vers une maison d'hébergement.",
                "24/7 helpline for people experiencing domestic violence and those close to them: support, a safety "
                "plan and referral to a shelter.",
            ),
        ),
        mode="line",
        hours=("always",),
    ),
    ServiceKind(
        "info_line",
        ("crisis-line",),
        (("Ligne d'écoute et de référence", "Support and referral line"),),
        (
            (
                "Une ligne d'écoute et de référence qui répond à toute heure et trouve la ressource communautaire la "
                "plus proche.",
                "A support and referral line that answers at any hour and finds the nearest community resource.",
            ),
        ),
        mode="line",
        hours=("always",),
    ),
    ServiceKind(
        "elder_abuse_line",
        ("violence-support",),
        (("Ligne d'aide contre la maltraitance des aînés", "Elder abuse helpline"),),
        (
            (
                "Par téléphone, des intervenantes conseillent les aînés victimes de maltraitance et les personnes "
                "inquiètes pour un proche âgé.",
                "By phone, counsellors advise older adults facing abuse and anyone worried about an older relative.",
            ),
        ),
        mode="remote",
        hours=("line-day",),
    ),
    ServiceKind(
        "crisis_general",
        ("crisis",),
        (("Intervention de crise", "Crisis intervention"),),
        (
            (
                "Une équipe d'intervention de crise se déplace ou reçoit les personnes en détresse aiguë et leurs "
                "proches.",
                "A crisis team meets people in acute distress and their families, on site or where they are.",
            ),
        ),
        hours=("always", "weekdays-late"),
        access=("walk-in",),
    ),
    ServiceKind(
        "violence_support",
        ("violence-support",),
        (
            ("Soutien aux personnes victimes de violence", "Support for survivors of violence"),
            ("Accompagnement après une agression sexuelle", "Support after sexual assault"),
        ),
        (
            (
                "Rencontres individuelles et groupes de soutien pour les personnes victimes de violence, à leur "
                "rythme et en toute confidentialité.",
                "One-on-one meetings and support groups for survivors of violence, at their own pace and in "
                "confidence.",
            ),
            (
                "Accompagnement psychosocial et médical après une agression sexuelle, récente ou ancienne.",
                "Psychosocial and medical support after a sexual assault, recent or past.",
            ),
        ),
        hours=("weekdays", "weekdays-late"),
        eligibility=(VIOLENCE, WOMEN_VIOLENCE, WOMEN_GD_VIOLENCE),
        access=("appointment-required",),
    ),
    ServiceKind(
        "violence_men_program",
        ("violence-support",),
        (("Groupe pour hommes ayant des comportements violents", "Program for men who use violence"),),
        (
            (
                "Programme de groupe pour les hommes qui veulent cesser d'exercer de la violence dans leur couple ou "
                "leur famille.",
                "Group program for men who want to stop using violence in their relationship or family.",
            ),
        ),
        hours=("evenings",),
        costs=("counselling", "free"),
        ages=((18, None),),
        eligibility=(MEN,),
        access=("appointment-required",),
    ),
    ServiceKind(
        "court_accompaniment",
        ("violence-support", "legal-aid"),
        (("Accompagnement judiciaire", "Court accompaniment"),),
        (
            (
                "Une intervenante explique le processus judiciaire et accompagne les victimes de violence au palais "
                "de justice.",
                "A worker explains the court process and goes with survivors of violence to the courthouse.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(VIOLENCE, WOMEN_VIOLENCE),
        access=("appointment-required",),
    ),
    # Employment
    ServiceKind(
        "job_search",
        ("job-search",),
        (
            ("Aide à la recherche d'emploi", "Job search help"),
            ("Club de recherche d'emploi", "Job search club"),
        ),
        (
            (
                "Conseillers en emploi pour préparer un CV, une lettre de présentation et les entrevues.",
                "Employment counsellors help you prepare a résumé, a cover letter and interviews.",
            ),
            (
                "Un club de recherche d'emploi de trois semaines : méthodes, réseautage et rencontres avec des "
                "employeurs du secteur.",
                "A three-week job search club: methods, networking and meetings with local employers.",
            ),
        ),
        hours=("weekdays", "weekdays-830"),
        ages=(None, None, (18, None)),
        access=("appointment-required", ""),
    ),
    ServiceKind(
        "job_search_youth",
        ("job-search",),
        (("Premier emploi jeunesse", "First job for youth"),),
        (
            (
                "Aide aux jeunes de 16 à 25 ans pour décrocher un premier emploi ou un stage : CV, simulation "
                "d'entrevue et contacts d'employeurs.",
                "Help for young people aged 16 to 25 to land a first job or internship: résumé, mock interviews and "
                "employer contacts.",
            ),
        ),
        hours=("weekdays-late", "weekdays"),
        ages=((16, 25),),
        access=("walk-in", "appointment-required"),
    ),
    ServiceKind(
        "job_search_newcomer",
        ("job-search",),
        (("Intégration en emploi des personnes immigrantes", "Employment integration for immigrants"),),
        (
            (
                "Accompagnement vers l'emploi pour les personnes immigrantes : reconnaissance des diplômes, codes du "
                "marché du travail québécois et mentorat.",
                "Employment support for immigrants: credential recognition, how the Québec job market works, and "
                "mentoring.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(NEWCOMER, NEWCOMER_OR_REFUGEE),
        documents=(("immigration-papers",), ()),
        access=("appointment-required",),
    ),
    ServiceKind(
        "job_search_online",
        ("job-search",),
        (("Aide à l'emploi en ligne", "Online job search help"),),
        (
            (
                "Rencontres en visioconférence avec une conseillère pour cibler des offres, améliorer son CV et "
                "postuler en ligne.",
                "Video meetings with a counsellor to target job postings, improve your résumé and apply online.",
            ),
        ),
        mode="remote",
        hours=("weekdays", "weekdays-late"),
        access=("appointment-required",),
    ),
    ServiceKind(
        "job_search_50plus",
        ("job-search",),
        (("Emploi 50 ans et plus", "Jobs for people 50 and over"),),
        (
            (
                "Un groupe de retour à l'emploi conçu pour les travailleuses et travailleurs expérimentés de 50 ans et "
                "plus.",
                "A back-to-work group designed for experienced workers aged 50 and over.",
            ),
        ),
        hours=("weekdays-lunch",),
        ages=((50, None),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "job_training",
        ("job-training",),
        (
            ("Formation en entreprise d'insertion", "Work integration training"),
            ("Formation en cuisine commerciale", "Commercial kitchen training"),
            ("Formation en entrepôt et logistique", "Warehouse and logistics training"),
        ),
        (
            (
                "Un parcours rémunéré de six mois en entreprise d'insertion pour acquérir une expérience de travail et "
                "un métier.",
                "A paid six-month program in a social enterprise to gain work experience and a trade.",
            ),
            (
                "Formation pratique en cuisine commerciale, avec stage en restaurant et certificat en hygiène et "
                "salubrité alimentaires.",
                "Hands-on commercial kitchen training, with a restaurant internship and a food safety certificate.",
            ),
            (
                "Formation de quatorze semaines en manutention, inventaire et conduite de chariot élévateur.",
                "Fourteen-week training in materials handling, inventory and forklift driving.",
            ),
        ),
        hours=("weekdays-830",),
        ages=((18, None), (16, 35), None),
        documents=(("photo-id",), ()),
        access=("appointment-required",),
        waits=(("Nouvelle cohorte tous les trois mois.", "A new group starts every three months."),),
    ),
    ServiceKind(
        "office_training",
        ("job-training",),
        (("Formation en bureautique", "Office software training"),),
        (
            (
                "Formation en bureautique et en service à la clientèle pour se préparer à un emploi de bureau.",
                "Office software and customer service training to get ready for an office job.",
            ),
        ),
        hours=("weekdays-lunch", "evenings"),
        costs=("free", "class"),
        access=("appointment-required",),
    ),
    ServiceKind(
        "employment_general",
        ("employment",),
        (("Services d'emploi", "Employment services"),),
        (
            (
                "Orientation, recherche d'emploi et formation : un premier rendez-vous permet de bâtir un plan "
                "adapté à chaque personne.",
                "Career guidance, job search and training: a first meeting sets up a plan that fits each person.",
            ),
        ),
        hours=("weekdays",),
        access=("walk-in", "appointment-required"),
    ),
    # Childcare
    ServiceKind(
        "daycare_cpe",
        ("daycare",),
        (
            ("Centre de la petite enfance (CPE)", "Early childhood centre (CPE daycare)"),
            ("Service de garde éducatif", "Educational daycare"),
        ),
        (
            (
                "CPE offrant des places à contribution réduite pour les enfants de 0 à 5 ans, dans un milieu éducatif "
                "axé sur le jeu.",
                "Subsidized daycare (CPE) for children aged 0 to 5, in a play-based educational setting.",
            ),
            (
                "Notre centre de la petite enfance (CPE) accueille environ 80 enfants, de la pouponnière à l'entrée à "
                "la maternelle.",
                "Our early childhood centre (CPE) is a daycare for about 80 children, from infancy to kindergarten.",
            ),
            (
                "Garderie éducative subventionnée (CPE) avec cour extérieure, repas préparés sur place et éducatrices "
                "qualifiées.",
                "Subsidized educational daycare (CPE) with an outdoor yard, meals cooked on site and qualified "
                "educators.",
            ),
        ),
        hours=("daycare",),
        costs=("cpe",),
        ages=((0, 5),),
        access=("appointment-required",),
        waits=(
            (
                "Liste d'attente de plusieurs mois; inscription au guichet unique des services de garde.",
                "Waiting list of several months; register on the province's single daycare waiting list.",
            ),
        ),
        accreditation=(
            "Titulaire d'un permis du ministère de la Famille du Québec.",
            "Licensed by the Québec Ministère de la Famille.",
        ),
    ),
    ServiceKind(
        "daycare_private",
        ("daycare",),
        (("Garderie éducative", "Daycare"),),
        (
            (
                "Garderie éducative privée pour les enfants de 18 mois à 5 ans, avec un programme d'éveil à la "
                "lecture et à la musique.",
                "Private educational daycare for children from 18 months to 5 years, with early reading and music.",
            ),
            (
                "Petite garderie familiale de quartier : groupes réduits, sorties au parc et repas maison.",
                "Small neighbourhood home daycare: small groups, park outings and homemade meals.",
            ),
        ),
        hours=("daycare",),
        costs=("daycare",),
        ages=((1, 5),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "drop_in_daycare",
        ("daycare", "parenting-support"),
        (("Halte-garderie", "Drop-in daycare"),),
        (
            (
                "Halte-garderie communautaire : quelques heures de garde pour permettre aux parents de souffler, "
                "d'aller à un rendez-vous ou de suivre un cours.",
                "Community drop-in daycare: a few hours of childcare so parents can take a break, go to an "
                "appointment or attend a class.",
            ),
        ),
        hours=("weekdays-lunch", "mixed"),
        costs=("drop-in",),
        ages=((0, 5),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "after_school",
        ("after-school",),
        (("Aide aux devoirs", "Homework help"), ("Programme parascolaire", "After-school program")),
        (
            (
                "Aide aux devoirs et activités parascolaires après l'école : lecture, sciences, sport et arts.",
                "Homework help and after-school activities: reading, science, sports and arts.",
            ),
            (
                "Chaque jour après l'école, des animateurs accueillent les enfants pour les devoirs, une collation et "
                "des jeux.",
                "Every day after school, youth workers welcome children for homework, a snack and games.",
            ),
        ),
        hours=("after-school",),
        ages=((6, 12),),
        access=("appointment-required", ""),
        local=True,
    ),
    ServiceKind(
        "youth_centre",
        ("after-school",),
        (("Maison de jeunes", "Youth drop-in centre"), ("Local des ados", "Teen drop-in")),
        (
            (
                "Un lieu de rencontre pour les 12 à 17 ans : activités, projets, sorties et intervenants à l'écoute.",
                "A hangout for 12 to 17 year olds: activities, projects, outings and youth workers to talk to.",
            ),
            (
                "Local jeunesse ouvert après l'école et en soirée, avec jeux, studio de musique et aide aux devoirs.",
                "A youth space open after school and in the evening, with games, a music studio and homework help.",
            ),
        ),
        hours=("youth-evenings",),
        ages=((12, 17),),
        access=("walk-in",),
        local=True,
    ),
    ServiceKind(
        "day_camp",
        ("after-school",),
        (("Camp de jour", "Day camp"),),
        (
            (
                "Camp de jour d'été pour les enfants de 6 à 12 ans : jeux, baignade, sorties et activités "
                "scientifiques.",
                "Summer day camp for children aged 6 to 12: games, swimming, outings and science activities.",
            ),
        ),
        hours=("summer",),
        costs=("camp",),
        ages=((6, 12),),
        access=("appointment-required",),
        local=True,
    ),
    ServiceKind(
        "childcare_general",
        ("childcare",),
        (("Information sur les services de garde", "Childcare information"),),
        (
            (
                "Aide aux parents pour trouver une place en garderie ou en CPE et comprendre les crédits d'impôt pour "
                "frais de garde.",
                "Help for parents to find a daycare or CPE spot and understand childcare tax credits.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(PARENT, None),
    ),
    # Family
    ServiceKind(
        "parenting_workshops",
        ("parenting-support",),
        (("Ateliers pour parents", "Parenting workshops"), ("Groupe parents-bébés", "Parent and baby group")),
        (
            (
                "Ateliers en petits groupes sur le développement de l'enfant, la discipline positive et la vie de "
                "famille.",
                "Small-group workshops on child development, positive discipline and family life.",
            ),
            (
                "Rencontres hebdomadaires entre parents de bébés : causeries, massages pour bébés et échanges "
                "autour d'un café.",
                "Weekly meetings for parents of babies: talks, baby massage and conversation over coffee.",
            ),
        ),
        hours=("weekdays-lunch", "evenings", "saturday"),
        eligibility=(PARENT, PARENT, None),
        access=("appointment-required", ""),
        local=True,
    ),
    ServiceKind(
        "parenting_online",
        ("parenting-support",),
        (("Ateliers parentaux en ligne", "Online parenting workshops"),),
        (
            (
                "Ateliers parentaux en visioconférence, le soir, pour les parents d'enfants de 0 à 12 ans.",
                "Evening parenting workshops by video call, for parents of children aged 0 to 12.",
            ),
        ),
        mode="remote",
        hours=("evenings",),
        eligibility=(PARENT,),
    ),
    ServiceKind(
        "perinatal",
        ("parenting-support",),
        (("Accompagnement périnatal", "Perinatal support"),),
        (
            (
                "Accompagnement pendant la grossesse et après la naissance : visites à domicile, allaitement et "
                "préparation à l'arrivée de bébé.",
                "Support during pregnancy and after birth: home visits, breastfeeding and getting ready for baby.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(PARENT,),
        access=("appointment-required",),
    ),
    ServiceKind(
        "family_counselling",
        ("family-counselling",),
        (("Consultation familiale", "Family counselling"), ("Médiation familiale", "Family mediation")),
        (
            (
                "Rencontres de consultation familiale pour traverser un conflit, une séparation ou une période de "
                "tension à la maison.",
                "Family counselling sessions to get through a conflict, a separation or a tense time at home.",
            ),
            (
                "Médiation familiale pour les parents qui se séparent : garde des enfants, pension et partage des "
                "biens.",
                "Family mediation for separating parents: custody, support and dividing property.",
            ),
        ),
        hours=("weekdays-late", "weekdays"),
        costs=("counselling", "free"),
        access=("appointment-required",),
        waits=(("Premier rendez-vous en deux semaines environ.", "First appointment in about two weeks."),),
    ),
    ServiceKind(
        "family_counselling_newcomer",
        ("family-counselling",),
        (("Soutien aux familles immigrantes", "Support for immigrant families"),),
        (
            (
                "Soutien aux familles immigrantes qui vivent des tensions liées à l'adaptation, entre parents et "
                "adolescents.",
                "Support for immigrant families facing tensions between parents and teenagers as they adapt.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(NEWCOMER_OR_REFUGEE,),
        access=("appointment-required",),
    ),
    ServiceKind(
        "family_general",
        ("family",),
        (("Accueil des familles", "Family drop-in"),),
        (
            (
                "Un milieu de vie pour les familles : accueil, cafés-rencontres, prêt de jouets et orientation vers "
                "les ressources.",
                "A place for families: a welcome, coffee mornings, a toy library and referrals to resources.",
            ),
        ),
        hours=("weekdays", "mixed"),
        access=("walk-in",),
        local=True,
    ),
    # Clothing
    ServiceKind(
        "thrift_store",
        ("clothing",),
        (
            ("Friperie", "Thrift store"),
            ("Vestiaire communautaire", "Community clothing room"),
            ("Meubles et articles ménagers", "Furniture and household goods"),
        ),
        (
            (
                "Friperie solidaire : vêtements, chaussures et articles de maison à petit prix, avec des bons gratuits "
                "pour les situations d'urgence.",
                "Community thrift store: clothes, shoes and household goods at low prices, with free vouchers in "
                "emergencies.",
            ),
            (
                "Vestiaire où les familles trouvent des vêtements d'hiver, de la literie et de la vaisselle.",
                "A clothing room where families find winter clothes, bedding and dishes.",
            ),
            (
                "Meubles, électroménagers et articles ménagers usagés pour les personnes qui s'installent dans un "
                "nouveau logement.",
                "Used furniture, appliances and household goods for people setting up a new home.",
            ),
        ),
        hours=("weekdays-late", "weekend", "mixed"),
        costs=("thrift", "free"),
        access=("walk-in",),
    ),
    ServiceKind(
        "clothing_free",
        ("clothing",),
        (("Vestiaire gratuit", "Free clothing room"),),
        (
            (
                "Vêtements propres, sous-vêtements, bottes et sacs de couchage donnés gratuitement aux personnes de la "
                "rue.",
                "Clean clothes, underwear, boots and sleeping bags given free to people living on the street.",
            ),
        ),
        hours=("weekdays-lunch", "breakfast-lunch"),
        eligibility=(HOMELESS, None),
        access=("walk-in",),
    ),
    # Legal
    ServiceKind(
        "legal_aid",
        ("legal-aid",),
        (
            ("Consultation juridique gratuite", "Free legal consultation"),
            ("Clinique juridique", "Legal clinic"),
        ),
        (
            (
                "Des avocates et avocats bénévoles offrent une première consultation juridique gratuite de trente "
                "minutes.",
                "Volunteer lawyers offer a free thirty-minute first legal consultation.",
            ),
            (
                "Clinique juridique communautaire : information sur vos droits en famille, travail, consommation et "
                "dettes.",
                "Community legal clinic: information on your rights in family, work, consumer and debt matters.",
            ),
        ),
        hours=("evenings", "weekdays-lunch", "mixed"),
        eligibility=(None, None, LOW_INCOME),
        documents=((), ("photo-id",), ("proof-of-income",)),
        access=("appointment-required",),
        waits=(("Rendez-vous dans la semaine.", "Appointment within the week."),),
    ),
    ServiceKind(
        "legal_line",
        ("legal-aid",),
        (("Information juridique par téléphone", "Legal information by phone"),),
        (
            (
                "Des juristes répondent par téléphone aux questions juridiques courantes et orientent vers l'aide "
                "juridique si vous y avez droit.",
                "Legal staff answer common legal questions by phone and refer you to legal aid if you qualify.",
            ),
        ),
        mode="remote",
        hours=("weekdays", "line-day"),
    ),
    ServiceKind(
        "immigration_help",
        ("immigration-help",),
        (
            ("Accueil et installation des nouveaux arrivants", "Settlement services for newcomers"),
            ("Aide aux démarches d'immigration", "Help with immigration paperwork"),
        ),
        (
            (
                "Accueil des personnes nouvellement arrivées : premières démarches, carte d'assurance maladie, école "
                "des enfants et numéro d'assurance sociale.",
                "Welcome for newcomers: first steps, health card, children's school and social insurance number.",
            ),
            (
                "Aide à remplir les formulaires d'immigration : parrainage, résidence permanente, citoyenneté et "
                "permis de travail.",
                "Help filling in immigration forms: sponsorship, permanent residence, citizenship and work permits.",
            ),
        ),
        hours=("weekdays", "weekdays-lunch"),
        eligibility=(NEWCOMER, NEWCOMER_OR_REFUGEE, None),
        documents=(("immigration-papers",), ("immigration-papers", "photo-id"), ()),
        access=("appointment-required", "walk-in"),
    ),
    ServiceKind(
        "refugee_help",
        ("immigration-help",),
        (("Accompagnement des demandeurs d'asile", "Support for asylum seekers"),),
        (
            (
                "Accompagnement des demandeurs d'asile dans leur demande : formulaire, audience, logement et "
                "premiers besoins.",
                "Support for asylum seekers through their claim: forms, hearing, housing and basic needs.",
            ),
            (
                "Une équipe bénévole aide les personnes réfugiées à s'installer : ouvrir un compte, inscrire les "
                "enfants à l'école, trouver un médecin.",
                "A volunteer team helps refugees settle: open a bank account, enrol the children in school, find a "
                "doctor.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(REFUGEE,),
        documents=(("immigration-papers",), ()),
        access=("appointment-required", "walk-in"),
    ),
    ServiceKind(
        "immigration_legal",
        ("immigration-help", "legal-aid"),
        (("Consultation en droit de l'immigration", "Immigration law consultation"),),
        (
            (
                "Consultations gratuites avec une avocate en droit de l'immigration, pour les personnes sans statut "
                "ou en attente de décision.",
                "Free consultations with an immigration lawyer, for people without status or awaiting a decision.",
            ),
        ),
        hours=("evenings", "weekdays-lunch"),
        eligibility=(NEWCOMER_OR_REFUGEE,),
        documents=(("immigration-papers",),),
        access=("appointment-required",),
    ),
    ServiceKind(
        "legal_general",
        ("legal",),
        (("Information juridique populaire", "Community legal education"),),
        (
            (
                "Séances d'information juridique gratuites sur les droits au quotidien : travail, famille, "
                "consommation et logement.",
                "Free legal information sessions on everyday rights: work, family, consumer matters and housing.",
            ),
        ),
        hours=("evenings",),
    ),
    # Income
    ServiceKind(
        "tax_clinic",
        ("benefits-help",),
        (("Clinique d'impôts", "Tax clinic"),),
        (
            (
                "Des bénévoles remplissent gratuitement les déclarations de revenus des personnes à revenu modeste, "
                "pour toucher les crédits et les prestations.",
                "Volunteers fill in tax returns for free for people with modest incomes, so they receive their "
                "credits and benefits.",
            ),
        ),
        hours=("tax-season",),
        eligibility=(LOW_INCOME,),
        documents=(("proof-of-income", "photo-id"), ("proof-of-income",)),
        access=("walk-in", "appointment-required"),
    ),
    ServiceKind(
        "benefits_help",
        ("benefits-help",),
        (("Aide aux demandes de prestations", "Help applying for benefits"),),
        (
            (
                "Aide pour demander l'aide sociale, le Supplément de revenu garanti, l'allocation famille et les "
                "autres prestations.",
                "Help applying for social assistance, the Guaranteed Income Supplement, family allowance and other "
                "benefits.",
            ),
            (
                "Une intervenante vérifie les prestations auxquelles vous avez droit et vous aide à remplir les "
                "formulaires.",
                "A worker checks which benefits you are entitled to and helps fill in the forms.",
            ),
        ),
        hours=("weekdays", "weekdays-lunch"),
        documents=((), ("photo-id",), ("proof-of-income",)),
        access=("appointment-required", "walk-in"),
    ),
    ServiceKind(
        "benefits_line",
        ("benefits-help",),
        (("Aide aux prestations par téléphone", "Benefits help by phone"),),
        (
            (
                "Par téléphone, un conseiller répond aux questions sur l'aide sociale, les pensions et les crédits "
                "d'impôt.",
                "By phone, an adviser answers questions about social assistance, pensions and tax credits.",
            ),
        ),
        mode="remote",
        hours=("weekdays-lunch",),
    ),
    ServiceKind(
        "budget_counselling",
        ("income",),
        (("Consultation budgétaire", "Budget counselling"),),
        (
            (
                "Consultation budgétaire gratuite et confidentielle pour faire le point sur ses dettes et reprendre le "
                "contrôle de ses finances.",
                "Free, confidential budget counselling to take stock of debts and get finances back under control.",
            ),
        ),
        hours=("weekdays", "weekdays-late"),
        access=("appointment-required",),
    ),
    ServiceKind(
        "financial_aid",
        ("financial-aid",),
        (("Aide financière d'urgence", "Emergency financial aid"), ("Fonds de dépannage", "Emergency fund")),
        (
            (
                "Un petit fonds d'urgence couvre une dépense imprévue : médicaments, transport, frais de dossier ou "
                "épicerie.",
                "A small emergency fund covers an unexpected expense: medication, transport, fees or groceries.",
            ),
            (
                "Aide financière ponctuelle, après une courte évaluation, pour passer à travers un mois difficile.",
                "One-time financial help, after a short assessment, to get through a hard month.",
            ),
        ),
        hours=("weekdays", "weekdays-lunch"),
        eligibility=(LOW_INCOME,),
        documents=(("proof-of-income",), ("proof-of-income", "proof-of-address"), ("photo-id",)),
        access=("appointment-required",),
    ),
    ServiceKind(
        "microloan",
        ("financial-aid",),
        (("Prêts sans intérêt", "Interest-free loans"),),
        (
            (
                "Prêts sans intérêt de 100 $ à 1 000 $, remboursables en petits versements, avec un accompagnement "
                "budgétaire.",
                "Interest-free loans from $100 to $1,000, repaid in small instalments, with budget support.",
            ),
        ),
        hours=("weekdays",),
        eligibility=(LOW_INCOME,),
        documents=(("proof-of-income", "photo-id"),),
        access=("appointment-required",),
    ),
    # Documents
    ServiceKind(
        "id_clinic",
        ("documents",),
        (("Aide pour obtenir des pièces d'identité", "Help getting ID"), ("Clinique papiers", "ID clinic")),
        (
            (
                "Aide pour obtenir ou remplacer ses pièces d'identité : acte de naissance, carte d'assurance maladie "
                "et numéro d'assurance sociale, frais couverts au besoin.",
                "Help getting or replacing identity documents: birth certificate, health card and social insurance "
                "number, with fees covered when needed.",
            ),
            (
                "Une clinique qui aide à reconstituer les papiers perdus ou volés, étape par étape.",
                "A clinic that helps rebuild lost or stolen papers, step by step.",
            ),
        ),
        hours=("weekdays-lunch", "mixed"),
        eligibility=(HOMELESS, None, LOW_INCOME),
        access=("walk-in",),
    ),
    # Education
    ServiceKind(
        "literacy",
        ("literacy",),
        (
            ("Ateliers d'alphabétisation", "Literacy workshops"),
            ("Formation de base pour adultes", "Adult basic education"),
        ),
        (
            (
                "Ateliers d'alphabétisation en petits groupes pour apprendre ou réapprendre à lire, écrire et compter.",
                "Small-group literacy workshops to learn, or relearn, to read, write and do arithmetic.",
            ),
            (
                "Formation de base pour adultes qui veulent lire un bail, remplir un formulaire ou aider leurs enfants "
                "aux devoirs.",
                "Basic education for adults who want to read a lease, fill in a form or help their children with "
                "homework.",
            ),
        ),
        hours=("weekdays-lunch", "mixed", "evenings"),
        ages=((16, None), None),
        access=("appointment-required",),
    ),
    ServiceKind(
        "computer_basics",
        ("literacy",),
        (("Initiation à l'informatique", "Computer basics"),),
        (
            (
                "Cours d'initiation à l'ordinateur, au courriel et aux services en ligne pour les débutants.",
                "Beginner classes on computers, email and online services.",
            ),
        ),
        hours=("weekdays-lunch", "evenings"),
        costs=("free", "class"),
        ages=(None, (50, None)),
        access=("appointment-required",),
    ),
    ServiceKind(
        "french_classes",
        ("language-classes",),
        (("Cours de français", "French classes"), ("Francisation", "French for newcomers")),
        (
            (
                "Cours de français langue seconde, du niveau débutant à intermédiaire, le jour ou le soir.",
                "French as a second language classes, beginner to intermediate, day or evening.",
            ),
            (
                "Francisation à temps partiel pour les personnes immigrantes, avec halte-garderie pendant les cours.",
                "Part-time French classes for immigrants, with childcare during class.",
            ),
        ),
        hours=("weekdays-lunch", "evenings", "classes"),
        costs=("free", "free", "class"),
        ages=((16, None), None),
        eligibility=(None, NEWCOMER),
        access=("appointment-required",),
    ),
    ServiceKind(
        "french_online",
        ("language-classes",),
        (("Cours de français en ligne", "Online French classes"),),
        (
            (
                "Cours de français en ligne en petits groupes, avec une enseignante et des exercices entre les "
                "séances.",
                "Online French classes in small groups, with a teacher and exercises between sessions.",
            ),
        ),
        mode="remote",
        hours=("evenings", "classes"),
        costs=("free", "class"),
        eligibility=(None, NEWCOMER),
    ),
    ServiceKind(
        "conversation_cafe",
        ("language-classes",),
        (("Café-jasette en français", "French conversation café"),),
        (
            (
                "Un café-jasette hebdomadaire où l'on pratique le français avec des bénévoles du quartier.",
                "A weekly conversation café to practise French with neighbourhood volunteers.",
            ),
        ),
        hours=("saturday", "evenings"),
        access=("walk-in",),
    ),
    ServiceKind(
        "english_classes",
        ("language-classes",),
        (("Cours d'anglais", "English classes"),),
        (
            (
                "Cours d'anglais de base pour adultes, axés sur la conversation et les situations de tous les jours.",
                "Basic English classes for adults, focused on conversation and everyday situations.",
            ),
        ),
        hours=("evenings",),
        costs=("class", "free"),
        ages=((18, None),),
    ),
    ServiceKind(
        "education_general",
        ("education",),
        (("Éducation populaire", "Popular education"),),
        (
            (
                "Ateliers d'éducation populaire sur l'actualité, la citoyenneté et les finances personnelles.",
                "Popular education workshops on current events, citizenship and personal finance.",
            ),
        ),
        hours=("weekdays-lunch", "evenings"),
    ),
    # Home support
    ServiceKind(
        "home_help",
        ("home-help",),
        (("Aide à domicile", "Home help"), ("Entretien ménager à domicile", "Housekeeping at home")),
        (
            (
                "Entretien ménager léger et lourd, lessive et préparation de repas à domicile, à tarif réduit.",
                "Light and heavy housekeeping, laundry and meal preparation at home, at reduced rates.",
            ),
            (
                "Des préposées formées aident les aînés à rester chez eux : ménage, courses et aide au bain.",
                "Trained aides help seniors stay at home: cleaning, errands and help with bathing.",
            ),
        ),
        hours=("weekdays-830",),
        costs=("homehelp",),
        ages=((65, None), None),
        eligibility=(None, DISABILITY),
        access=("appointment-required",),
        local=True,
        accreditation=(
            "Entreprise d'économie sociale en aide à domicile reconnue.",
            "Recognized social economy home help enterprise.",
        ),
    ),
    ServiceKind(
        "minor_repairs",
        ("home-help",),
        (("Menus travaux", "Small home repairs"),),
        (
            (
                "Des bénévoles bricoleurs font les menus travaux : poser une tablette, changer une ampoule, installer "
                "un climatiseur.",
                "Handy volunteers do small jobs: putting up a shelf, changing a light bulb, installing an air "
                "conditioner.",
            ),
        ),
        hours=("weekdays",),
        costs=("free", "none"),
        ages=((65, None),),
        local=True,
    ),
    ServiceKind(
        "caregiver_respite",
        ("caregiver-respite",),
        (("Répit pour proches aidants", "Caregiver respite"), ("Halte-répit", "Respite drop-in")),
        (
            (
                "Une accompagnatrice prend le relais à domicile quelques heures par semaine pour que le proche aidant "
                "puisse souffler.",
                "A companion takes over at home a few hours a week so the caregiver can take a break.",
            ),
            (
                "Halte-répit de jour où les personnes en perte d'autonomie participent à des activités pendant que "
                "leurs proches se reposent.",
                "A respite day program where people with reduced autonomy join activities while their caregivers "
                "rest.",
            ),
        ),
        hours=("weekdays", "mixed"),
        costs=("free", "respite"),
        eligibility=(CAREGIVER,),
        access=("appointment-required",),
    ),
    ServiceKind(
        "home_care_general",
        ("home-care",),
        (("Soutien à domicile", "Home support"),),
        (
            (
                "Soutien à domicile pour les aînés : évaluation des besoins, aide concrète et références vers le CLSC.",
                "Home support for seniors: needs assessment, practical help and referrals to the local health centre.",
            ),
        ),
        hours=("weekdays",),
        ages=((65, None), None),
        local=True,
    ),
    # Transportation
    ServiceKind(
        "medical_transport",
        ("transportation",),
        (("Accompagnement-transport médical", "Medical transportation with escort"),),
        (
            (
                "Des bénévoles conduisent et accompagnent les aînés à leurs rendez-vous médicaux.",
                "Volunteers drive seniors to their medical appointments and go in with them.",
            ),
            (
                "Transport accompagné vers l'hôpital, le CLSC ou la pharmacie, pour les personnes qui ne peuvent pas "
                "y aller seules.",
                "Escorted rides to the hospital, local health centre or pharmacy, for people who cannot go alone.",
            ),
        ),
        hours=("weekdays-830",),
        costs=("transport",),
        ages=((65, None), None),
        eligibility=(None, DISABILITY),
        access=("appointment-required",),
        apply=(
            (
                "Réservez au moins 48 heures à l'avance par téléphone.",
                "Book by phone at least 48 hours in advance.",
            ),
        ),
        local=True,
    ),
    ServiceKind(
        "grocery_shuttle",
        ("transportation",),
        (("Navette pour l'épicerie", "Grocery shuttle"),),
        (
            (
                "Une navette hebdomadaire conduit les aînés des résidences du secteur à l'épicerie et à la pharmacie.",
                "A weekly shuttle takes seniors from local residences to the grocery store and pharmacy.",
            ),
        ),
        hours=("distribution-am",),
        costs=("transport", "free"),
        ages=((65, None),),
        local=True,
    ),
    # Community
    ServiceKind(
        "peer_support",
        ("peer-support",),
        (("Groupe d'entraide", "Peer support group"), ("Cercle de soutien", "Support circle")),
        (
            (
                "Un groupe d'entraide où l'on partage son vécu avec des personnes qui traversent la même chose.",
                "A peer support group to share experiences with people going through the same thing.",
            ),
            (
                "Des rencontres de soutien animées par des pairs, dans un cadre chaleureux et confidentiel.",
                "Peer-led support meetings in a warm, confidential setting.",
            ),
        ),
        hours=("evenings", "weekdays-lunch"),
        eligibility=(None, LGBTQ, CAREGIVER, WOMEN, NEWCOMER),
        access=("walk-in", ""),
    ),
    ServiceKind(
        "friendly_calls",
        ("peer-support",),
        (("Appels d'amitié", "Friendly phone calls"),),
        (
            (
                "Des bénévoles appellent chaque semaine les aînés isolés pour prendre de leurs nouvelles et jaser.",
                "Volunteers call isolated seniors every week to check in and chat.",
            ),
        ),
        mode="remote",
        hours=("weekdays",),
        ages=((65, None),),
    ),
    ServiceKind(
        "online_support_group",
        ("peer-support",),
        (("Groupe de soutien en ligne", "Online support group"),),
        (
            (
                "Un groupe de soutien en ligne, une fois par semaine, animé par une intervenante et des pairs.",
                "A weekly online support group, led by a counsellor and peers.",
            ),
        ),
        mode="remote",
        hours=("evenings",),
        eligibility=(LGBTQ, CAREGIVER, None),
    ),
    ServiceKind(
        "friendly_visits",
        ("peer-support",),
        (("Visites d'amitié", "Friendly visits"),),
        (
            (
                "Un bénévole rend visite chaque semaine à une personne âgée isolée, pour une marche, un café ou une "
                "partie de cartes.",
                "A volunteer visits an isolated older person each week for a walk, a coffee or a game of cards.",
            ),
        ),
        hours=("weekdays",),
        ages=((65, None),),
        local=True,
    ),
    ServiceKind(
        "volunteering",
        ("volunteering",),
        (("Bénévolat", "Volunteering"), ("Activités sociales", "Social activities")),
        (
            (
                "Occasions de bénévolat variées : cuisine, distribution, accueil, accompagnement et événements de "
                "quartier.",
                "A range of volunteer roles: cooking, food distribution, reception, accompaniment and neighbourhood "
                "events.",
            ),
            (
                "Activités sociales pour briser l'isolement : sorties, jeux de société, jardinage et fêtes de quartier.",
                "Social activities to break isolation: outings, board games, gardening and neighbourhood parties.",
            ),
        ),
        hours=("mixed", "weekdays", "weekend"),
        access=("walk-in", ""),
    ),
    ServiceKind(
        "seniors_activities",
        ("volunteering",),
        (("Activités pour aînés", "Activities for seniors"),),
        (
            (
                "Un programme d'activités pour les aînés : exercice doux, conférences, dîners et sorties culturelles.",
                "An activity program for seniors: gentle exercise, talks, lunches and cultural outings.",
            ),
        ),
        hours=("weekdays-lunch",),
        costs=("membership", "free"),
        ages=((65, None),),
        access=("walk-in",),
        local=True,
    ),
    ServiceKind(
        "youth_volunteering",
        ("volunteering",),
        (("Engagement jeunesse", "Youth engagement"),),
        (
            (
                "Des projets de bénévolat pour les 12 à 17 ans : jardin collectif, aide aux aînés et organisation "
                "d'événements.",
                "Volunteer projects for 12 to 17 year olds: community garden, helping seniors and organizing events.",
            ),
        ),
        hours=("youth-evenings", "saturday"),
        ages=((12, 17),),
        access=("walk-in",),
    ),
    ServiceKind(
        "community_general",
        ("community",),
        (("Centre communautaire", "Community centre"), ("Milieu de vie", "Drop-in centre")),
        (
            (
                "Un milieu de vie ouvert à toutes et à tous : café, accueil, information et activités de quartier.",
                "A drop-in open to all: coffee, a welcome, information and neighbourhood activities.",
            ),
            (
                "Le centre communautaire du quartier, où l'on vient pour rencontrer du monde, s'informer et participer.",
                "The neighbourhood community centre, where people come to meet others, get information and take part.",
            ),
        ),
        hours=("weekdays-late", "mixed"),
        access=("walk-in",),
        local=True,
    ),
)

KINDS_BY_KEY: dict[str, ServiceKind] = {kind.key: kind for kind in SERVICE_KINDS}

# --- second sentences, by needs code: what a description adds after its lead -----------------------------

DETAILS: dict[str, tuple[T, ...]] = {
    "food-bank": (
        (
            "Des produits sans gluten et halal sont offerts quand les dons le permettent.",
            "Gluten-free and halal products are offered when donations allow.",
        ),
        ("Apportez vos sacs réutilisables.", "Bring your own reusable bags."),
        (
            "Les paniers sont préparés par des bénévoles à partir des surplus des épiceries du secteur.",
            "Hampers are packed by volunteers from local grocery stores' surplus food.",
        ),
        (
            "Une nutritionniste donne des conseils et des recettes simples une fois par mois.",
            "A nutritionist shares advice and simple recipes once a month.",
        ),
    ),
    "food": (
        (
            "Une intervenante en sécurité alimentaire est présente à chaque ouverture.",
            "A food security worker is there every time we are open.",
        ),
        (
            "Les bénévoles récupèrent chaque jour les invendus des commerces du quartier.",
            "Volunteers collect unsold food from local shops every day.",
        ),
    ),
    "meals": (
        (
            "Le menu change chaque jour et comprend toujours une option végétarienne.",
            "The menu changes daily and always includes a vegetarian option.",
        ),
        ("Personne n'est refusé faute d'argent.", "No one is turned away for lack of money."),
        (
            "On peut aussi emporter un repas pour le lendemain.",
            "You can also take a meal home for the next day.",
        ),
    ),
    "meal-delivery": (
        (
            "Les menus tiennent compte des diètes sans sel, diabétiques et texture adaptée.",
            "Menus can be low-salt, diabetic-friendly or texture-modified.",
        ),
        (
            "Le livreur s'assure que tout va bien et avise la famille en cas d'inquiétude.",
            "The driver checks that everything is fine and lets the family know if something seems wrong.",
        ),
        ("Les commandes se font la semaine précédente.", "Orders are placed the week before."),
    ),
    "emergency-shelter": (
        (
            "Les casiers, la douche et la buanderie sont accessibles pendant le séjour.",
            "Lockers, showers and laundry are available during the stay.",
        ),
        (
            "Des intervenants aident à planifier la suite : logement, revenu, santé.",
            "Workers help plan the next steps: housing, income, health.",
        ),
        (
            "La durée du séjour est évaluée avec chaque personne.",
            "The length of stay is worked out with each person.",
        ),
        (
            "Les places sont attribuées chaque soir; il est conseillé d'appeler avant de se déplacer.",
            "Beds are given out every evening; it is best to call before coming.",
        ),
    ),
    "transitional-housing": (
        ("Le loyer représente environ 25 % du revenu.", "Rent is about 25% of income."),
        (
            "Un suivi psychosocial et des ateliers de vie en logement font partie du programme.",
            "Psychosocial support and workshops on living in an apartment are part of the program.",
        ),
        (
            "À la sortie, l'équipe aide à trouver un logement permanent.",
            "When the stay ends, the team helps find permanent housing.",
        ),
    ),
    "shelter": (
        (
            "Le service fonctionne en lien avec les refuges du centre-ville.",
            "The service works closely with downtown shelters.",
        ),
    ),
    "housing-search": (
        (
            "Un babillard d'annonces de logements abordables est mis à jour chaque semaine.",
            "A board of affordable housing listings is updated weekly.",
        ),
        ("Les intervenantes peuvent accompagner lors des visites.", "Workers can come along to visits."),
        (
            "Une aide est offerte pour monter un dossier de location et trouver un endosseur.",
            "Help is offered to put together a rental file and find a guarantor.",
        ),
    ),
    "rent-assistance": (
        (
            "L'aide est versée directement au propriétaire ou au fournisseur.",
            "The help is paid directly to the landlord or the provider.",
        ),
        ("Une rencontre budgétaire accompagne chaque demande.", "Each request comes with a budget meeting."),
    ),
    "tenant-rights": (
        ("Les services sont gratuits et confidentiels.", "Services are free and confidential."),
        (
            "Le comité organise aussi des assemblées de locataires sur les enjeux du quartier.",
            "The committee also holds tenant meetings on neighbourhood issues.",
        ),
        (
            "Apportez votre bail et les lettres reçues du propriétaire.",
            "Bring your lease and any letters from your landlord.",
        ),
    ),
    "housing": (
        (
            "Une intervenante fait le tri des besoins et oriente vers le bon service.",
            "A worker sorts out the needs and refers you to the right service.",
        ),
    ),
    "medical-care": (
        (
            "Des prélèvements et des tests de grossesse sont faits sur place.",
            "Blood tests and pregnancy tests are done on site.",
        ),
        (
            "Les personnes sans carte d'assurance maladie sont aussi reçues.",
            "People without a health card are also seen.",
        ),
        (
            "Une travailleuse sociale est présente deux jours par semaine.",
            "A social worker is on site two days a week.",
        ),
    ),
    "dental-care": (
        ("Les enfants sont reçus avec leurs parents.", "Children are seen with their parents."),
        (
            "Les prothèses et les traitements de canal sont orientés vers des partenaires.",
            "Dentures and root canals are referred to partners.",
        ),
        (
            "Arrivez dix minutes avant votre rendez-vous pour remplir le questionnaire de santé.",
            "Arrive ten minutes before your appointment to fill in the health questionnaire.",
        ),
    ),
    "mental-health": (
        (
            "Les rencontres peuvent se faire en personne ou par vidéo.",
            "Sessions can be in person or by video.",
        ),
        ("Aucune référence médicale n'est nécessaire.", "No medical referral is needed."),
        ("Les proches peuvent aussi être reçus.", "Family members can also be seen."),
    ),
    "addiction": (
        (
            "L'approche est centrée sur les objectifs de la personne, que ce soit l'abstinence ou la réduction.",
            "The approach follows each person's goals, whether abstinence or cutting down.",
        ),
        ("Des pairs aidants font partie de l'équipe.", "Peer workers are part of the team."),
        ("Le service est anonyme.", "The service is anonymous."),
    ),
    "health": (
        (
            "Les infirmières orientent vers le CLSC ou une clinique au besoin.",
            "Nurses refer to the local health centre or a clinic when needed.",
        ),
    ),
    "crisis-line": (
        (
            "Les appels sont gratuits, confidentiels et sans afficheur.",
            "Calls are free, confidential and untraceable.",
        ),
        ("Un service de clavardage est offert en soirée.", "An online chat is available in the evening."),
        ("Les proches inquiets peuvent aussi appeler.", "Worried family and friends can call too."),
    ),
    "violence-support": (
        (
            "Aucune plainte à la police n'est nécessaire pour recevoir de l'aide.",
            "You do not need to report to the police to get help.",
        ),
        ("Les services sont gratuits et confidentiels.", "Services are free and confidential."),
        ("Un plan de sécurité est élaboré avec chaque personne.", "A safety plan is built with each person."),
    ),
    "crisis": (
        (
            "L'équipe travaille avec les services d'urgence du réseau public.",
            "The team works with the public emergency services.",
        ),
    ),
    "job-search": (
        (
            "Ordinateurs, imprimante et téléphone sont à la disposition des participants.",
            "Computers, a printer and a phone are available to participants.",
        ),
        (
            "Des employeurs viennent recruter sur place chaque mois.",
            "Employers come to recruit on site every month.",
        ),
        (
            "Le suivi continue pendant les premiers mois en emploi.",
            "Support continues during the first months on the job.",
        ),
    ),
    "job-training": (
        (
            "Les participants reçoivent une allocation pendant la formation.",
            "Participants receive an allowance during training.",
        ),
        (
            "Un stage en entreprise complète la formation.",
            "An internship with an employer completes the training.",
        ),
        ("Aucun diplôme n'est exigé.", "No diploma is required."),
    ),
    "employment": (
        (
            "Les services sont financés par le gouvernement et gratuits pour les participants.",
            "Services are government-funded and free for participants.",
        ),
    ),
    "daycare": (
        (
            "Les repas et collations sont préparés sur place par une cuisinière.",
            "Meals and snacks are cooked on site.",
        ),
        (
            "Les groupes sortent au parc tous les jours, beau temps mauvais temps.",
            "Groups go to the park every day, rain or shine.",
        ),
        (
            "Une place est réservée aux enfants ayant des besoins particuliers.",
            "Some spots are set aside for children with special needs.",
        ),
    ),
    "after-school": (
        ("Une collation santé est servie.", "A healthy snack is served."),
        (
            "Les animateurs sont en lien avec les écoles du quartier.",
            "Staff work with neighbourhood schools.",
        ),
        (
            "Des sorties sont organisées pendant les journées pédagogiques.",
            "Outings are organized on school professional days.",
        ),
    ),
    "childcare": (
        (
            "Une liste des places disponibles est tenue à jour.",
            "A list of available spots is kept up to date.",
        ),
    ),
    "parenting-support": (
        ("Une halte-garderie est offerte pendant les ateliers.", "Childcare is provided during workshops."),
        ("Les pères sont les bienvenus.", "Fathers are welcome."),
        ("Des collations et du matériel pour bébé sont offerts.", "Snacks and baby supplies are offered."),
    ),
    "family-counselling": (
        (
            "Les rencontres peuvent inclure les enfants et les adolescents.",
            "Sessions can include children and teenagers.",
        ),
        ("Le tarif est établi selon le revenu familial.", "Fees are set according to family income."),
    ),
    "family": (
        (
            "Les parents peuvent venir avec leurs enfants de tout âge.",
            "Parents can come with children of any age.",
        ),
    ),
    "clothing": (
        (
            "Les dons de vêtements propres sont acceptés pendant les heures d'ouverture.",
            "Donations of clean clothing are accepted during opening hours.",
        ),
        (
            "Les revenus financent les autres services de l'organisme.",
            "Proceeds fund the organization's other services.",
        ),
        (
            "Des bons d'achat gratuits sont remis sur référence d'un intervenant.",
            "Free vouchers are given with a referral from a worker.",
        ),
    ),
    "legal-aid": (
        ("Les consultations sont confidentielles.", "Consultations are confidential."),
        ("Apportez les documents liés à votre situation.", "Bring the documents related to your situation."),
        (
            "Des étudiants en droit assistent les avocats sous supervision.",
            "Law students assist the lawyers under supervision.",
        ),
    ),
    "immigration-help": (
        ("Des interprètes peuvent être présents sur demande.", "Interpreters can be present on request."),
        (
            "Des séances d'information sur la vie au Québec ont lieu chaque mois.",
            "Information sessions on life in Québec are held monthly.",
        ),
        ("L'équipe parle plus de dix langues.", "The team speaks more than ten languages."),
    ),
    "legal": (
        (
            "Les séances sont animées par des juristes bénévoles.",
            "Sessions are led by volunteer legal professionals.",
        ),
    ),
    "financial-aid": (
        ("La réponse est donnée en quelques jours.", "An answer is given within a few days."),
        ("L'aide est offerte une fois par année par ménage.", "Help is offered once a year per household."),
    ),
    "benefits-help": (
        (
            "Apportez vos relevés et avis de cotisation de l'an dernier.",
            "Bring your slips and last year's notice of assessment.",
        ),
        (
            "Les déclarations des années précédentes peuvent aussi être faites.",
            "Returns for past years can also be filed.",
        ),
    ),
    "income": (("Les rencontres sont gratuites et sans jugement.", "Meetings are free and non-judgmental."),),
    "documents": (
        (
            "Une adresse postale peut être fournie aux personnes sans domicile.",
            "A mailing address can be provided to people without a home.",
        ),
        ("Les frais de remplacement peuvent être couverts.", "Replacement fees can be covered."),
    ),
    "literacy": (
        ("Les groupes comptent au plus huit personnes.", "Groups have no more than eight people."),
        ("Chaque personne avance à son rythme.", "Everyone moves at their own pace."),
    ),
    "language-classes": (
        (
            "Un test de classement a lieu au moment de l'inscription.",
            "A placement test is done at registration.",
        ),
        ("Le matériel pédagogique est fourni.", "Learning materials are provided."),
        ("Des sorties culturelles complètent les cours.", "Cultural outings complement the classes."),
    ),
    "education": (
        ("Les ateliers sont gratuits et ouverts à toutes et à tous.", "Workshops are free and open to all."),
    ),
    "home-help": (
        ("Le personnel est formé et vérifié.", "Staff are trained and screened."),
        (
            "Une aide financière du gouvernement peut réduire le tarif horaire.",
            "A government program can lower the hourly rate.",
        ),
    ),
    "caregiver-respite": (
        (
            "Les accompagnatrices sont formées en soins de base et en animation.",
            "Companions are trained in basic care and activities.",
        ),
        (
            "Un groupe de soutien pour proches aidants se réunit une fois par mois.",
            "A caregiver support group meets once a month.",
        ),
    ),
    "home-care": (
        (
            "L'organisme travaille avec le CLSC du secteur.",
            "The organization works with the local health centre.",
        ),
    ),
    "transportation": (
        (
            "Les chauffeurs bénévoles attendent pendant le rendez-vous.",
            "Volunteer drivers wait during the appointment.",
        ),
        ("Le véhicule n'est pas adapté aux fauteuils roulants.", "The vehicle is not wheelchair adapted."),
    ),
    "peer-support": (
        ("Les rencontres sont gratuites et confidentielles.", "Meetings are free and confidential."),
        (
            "On peut venir une fois pour voir, sans engagement.",
            "You can come once to see, with no commitment.",
        ),
    ),
    "volunteering": (
        ("Une formation est offerte aux nouveaux bénévoles.", "Training is offered to new volunteers."),
        ("Les horaires sont flexibles.", "Schedules are flexible."),
    ),
    "community": (("Le café est toujours offert.", "Coffee is always on."),),
}

# --- fragments for organizations --------------------------------------------------------------------------

HISTORIES: tuple[T, ...] = (
    (
        "Fondé en {year} par des résidents de {place}, l'organisme est géré par un conseil d'administration citoyen.",
        "Founded in {year} by residents of {place}, the organization is run by a community board.",
    ),
    (
        "Depuis {year}, l'équipe travaille avec les écoles, le CLSC et les autres groupes de {place}.",
        "Since {year}, the team has worked with schools, the local health centre and other groups in {place}.",
    ),
    (
        "Organisme à but non lucratif actif depuis {year}, il compte sur une quarantaine de bénévoles.",
        "A non-profit active since {year}, it relies on about forty volunteers.",
    ),
    (
        "Né en {year} d'une initiative de voisins, l'organisme est aujourd'hui un pilier de {place}.",
        "Born in {year} from a neighbours' initiative, the organization is now a pillar of {place}.",
    ),
    (
        "L'organisme existe depuis {year} et accueille chaque année plus de mille personnes.",
        "The organization has existed since {year} and welcomes more than a thousand people a year.",
    ),
    (
        "Depuis sa création en {year}, l'organisme mise sur l'accueil sans jugement et la participation des "
        "personnes qu'il rejoint.",
        "Since it began in {year}, the organization has focused on a non-judgmental welcome and the participation of "
        "the people it serves.",
    ),
)


@dataclass(frozen=True, slots=True)
class OrgKind:
    key: str
    count: int
    names: tuple[T, ...]  # patterns with {place} and {nick}
    nicks: tuple[str, ...]  # proper-name parts, the same in both languages
    missions: tuple[T, ...]
    core: tuple[str, ...]  # service kinds every organization of this kind offers
    extra: tuple[str, ...]  # service kinds drawn to complete its offer
    sizes: tuple[int, ...] = (2, 2, 3, 3, 4)  # how many services
    sites: tuple[int, ...] = (1, 1, 1, 1, 1, 1, 1, 2)  # how many physical locations
    boroughs: tuple[str, ...] = ()  # boroughs it is more often found in
    program: tuple[T, T] | None = None  # (name, description) of a program grouping its services


ORG_KINDS: tuple[OrgKind, ...] = (
    OrgKind(
        "food_bank",
        7,
        (
            ("Garde-manger {place}", "Garde-manger {place}"),
            ("Le Panier solidaire de {place}", "Le Panier solidaire de {place}"),
            ("Comptoir alimentaire {nick}", "Comptoir alimentaire {nick}"),
            ("Épicerie solidaire {nick}", "Épicerie solidaire {nick}"),
        ),
        (
            "La Récolte",
            "Le Grenier",
            "L'Entre-Pots",
            "La Corne d'abondance",
            "Le Petit Marché",
            "Les Grains de sel",
            "La Bonne Mesure",
            "Le Chaudron",
        ),
        (
            (
                "L'organisme lutte contre la faim et l'insécurité alimentaire dans {place}.",
                "The organization fights hunger and food insecurity in {place}.",
            ),
            (
                "Sa mission : que personne dans {place} ne manque de nourriture, dans le respect et la dignité.",
                "Its mission: that no one in {place} goes without food, with respect and dignity.",
            ),
        ),
        ("food_bank",),
        (
            "meals_lunch",
            "community_grocery",
            "thrift_store",
            "volunteering",
            "food_bank_baby",
            "tax_clinic",
            "financial_aid",
        ),
    ),
    OrgKind(
        "community_kitchen",
        5,
        (
            ("Cuisine collective {place}", "Cuisine collective {place}"),
            ("Cuisines partagées {nick}", "Cuisines partagées {nick}"),
            ("La Marmite de {place}", "La Marmite de {place}"),
        ),
        ("Le Chaudron d'or", "Bouchées doubles", "La Louche", "Mijoté", "Les Fourchettes"),
        (
            (
                "L'organisme rassemble des gens qui cuisinent ensemble pour mieux manger à moindre coût.",
                "The organization brings people together to cook, so they eat better for less.",
            ),
            (
                "Une cuisine communautaire où l'on apprend, partage et brise l'isolement autour de la table.",
                "A community kitchen where people learn, share and break isolation around the table.",
            ),
        ),
        ("meals_collective",),
        (
            "food_bank",
            "meal_delivery_frozen",
            "parenting_workshops",
            "volunteering",
            "meals_lunch",
            "job_training",
        ),
    ),
    OrgKind(
        "meals_on_wheels",
        4,
        (
            ("Popote roulante {place}", "Meals on Wheels {place}"),
            ("Repas-Partage {nick}", "Repas-Partage {nick}"),
        ),
        ("Bon Voisin", "Le Ruban", "La Tablée", "Les Amis du midi"),
        (
            (
                "L'organisme aide les aînés à bien se nourrir et à demeurer chez eux le plus longtemps possible.",
                "The organization helps seniors eat well and stay at home as long as possible.",
            ),
        ),
        ("meal_delivery",),
        (
            "friendly_visits",
            "friendly_calls",
            "medical_transport",
            "home_help",
            "meal_delivery_frozen",
            "seniors_activities",
            "volunteering",
        ),
        sizes=(2, 3, 3, 4),
    ),
    OrgKind(
        "day_centre",
        4,
        (
            ("Halte-accueil {nick}", "Halte-accueil {nick}"),
            ("Le Relais de {place}", "Le Relais de {place}"),
            ("Refuge de jour {nick}", "{nick} Day Centre"),
        ),
        ("Le Perron", "La Boussole", "Le Quai", "L'Escale", "Le Fanal", "La Traversée"),
        (
            (
                "Un centre de jour pour les personnes en situation d'itinérance ou de grande précarité.",
                "A day centre for people experiencing homelessness or deep poverty.",
            ),
            (
                "L'organisme offre un accueil inconditionnel, des repas et un accompagnement aux personnes de la rue.",
                "The organization offers an unconditional welcome, meals and support to people living on the street.",
            ),
        ),
        ("meals_breakfast",),
        (
            "clothing_free",
            "id_clinic",
            "street_nursing",
            "meals_supper",
            "shelter_general",
            "harm_reduction",
            "peer_support",
            "housing_search",
        ),
        boroughs=(
            "Ville-Marie",
            "Ville-Marie",
            "Le Plateau-Mont-Royal",
            "Le Sud-Ouest",
            "Mercier-Hochelaga-Maisonneuve",
        ),
    ),
    OrgKind(
        "men_shelter",
        3,
        (
            ("Mission {nick}", "{nick} Mission"),
            ("Maison {nick}", "Maison {nick}"),
            ("Refuge {nick}", "{nick} Shelter"),
        ),
        ("Saint-Éloi", "Bonne-Nuit", "Le Rempart", "L'Abri du Pont", "Les Tisserands", "La Lanterne"),
        (
            (
                "L'organisme offre hébergement d'urgence et accompagnement aux hommes en situation d'itinérance.",
                "The organization provides emergency shelter and support to men experiencing homelessness.",
            ),
        ),
        ("shelter_men",),
        (
            "transitional_men",
            "meals_supper",
            "addiction_counselling",
            "housing_search",
            "clothing_free",
            "id_clinic",
        ),
        sizes=(2, 3, 3, 4),
        boroughs=("Ville-Marie", "Ville-Marie", "Le Sud-Ouest", "Mercier-Hochelaga-Maisonneuve"),
    ),
    OrgKind(
        "women_shelter",
        4,
        (
            ("Maison d'hébergement {nick}", "Maison d'hébergement {nick}"),
            ("Auberge {nick}", "Auberge {nick}"),
        ),
        (
            "Le Phare",
            "L'Envolée",
            "La Clairière",
            "Les Hirondelles",
            "L'Oasis",
            "La Source",
            "Marguerite-Bleue",
        ),
        (
            (
                "L'organisme héberge et accompagne les femmes victimes de violence conjugale et leurs enfants.",
                "The organization shelters and supports women who have experienced domestic violence, and their "
                "children.",
            ),
            (
                "Une maison d'aide et d'hébergement qui soutient les femmes dans la reprise de pouvoir sur leur vie.",
                "A shelter and support house that helps women regain control over their lives.",
            ),
        ),
        ("shelter_women",),
        (
            "crisis_line_violence",
            "transitional_women",
            "violence_support",
            "court_accompaniment",
            "parenting_workshops",
        ),
        sizes=(2, 3, 3, 4),
        program=(
            ("Programme post-hébergement", "After-shelter program"),
            (
                "Un suivi à long terme pour les femmes qui quittent la maison d'hébergement.",
                "Long-term follow-up for women leaving the shelter.",
            ),
        ),
    ),
    OrgKind(
        "women_day",
        2,
        (("Maison des femmes {nick}", "Maison des femmes {nick}"),),
        ("La Rose des vents", "Les Passantes"),
        (
            (
                "Un lieu d'accueil de jour et de nuit pour les femmes en difficulté.",
                "A day and night refuge for women in difficulty.",
            ),
        ),
        ("shelter_women_homeless",),
        ("meals_breakfast", "clothing_free", "peer_support", "housing_search", "violence_support"),
        boroughs=("Ville-Marie", "Le Plateau-Mont-Royal"),
    ),
    OrgKind(
        "youth_shelter",
        3,
        (
            ("Le Tremplin jeunesse {place}", "Le Tremplin jeunesse {place}"),
            ("Auberge {nick}", "Auberge {nick}"),
        ),
        ("du Carrefour", "Les Pas perdus", "Le Radeau"),
        (
            (
                "L'organisme accueille les jeunes en difficulté et les aide à bâtir un projet de vie.",
                "The organization welcomes young people in difficulty and helps them build a life plan.",
            ),
        ),
        ("shelter_young_adults",),
        ("shelter_teens", "transitional_youth", "job_search_youth", "peer_support", "addiction_youth"),
        sizes=(2, 3, 3),
        boroughs=("Ville-Marie", "Le Plateau-Mont-Royal", "Villeray-Saint-Michel-Parc-Extension"),
    ),
    OrgKind(
        "mixed_shelter",
        2,
        (("Refuge {nick}", "{nick} Shelter"),),
        ("L'Arche de Nuit", "Le Havre", "Le Campement"),
        (
            (
                "Un hébergement à bas seuil, inclusif, pour toutes les personnes de la rue, avec leur animal.",
                "A low-barrier, inclusive shelter for everyone living on the street, pets included.",
            ),
        ),
        ("shelter_mixed",),
        ("shelter_winter", "meals_supper", "harm_reduction", "id_clinic"),
        boroughs=("Ville-Marie", "Mercier-Hochelaga-Maisonneuve", "Le Sud-Ouest"),
    ),
    OrgKind(
        "housing_committee",
        6,
        (
            ("Comité logement {nick}", "Comité logement {nick}"),
            ("Association des locataires de {place}", "{place} Tenants' Association"),
            ("Entraide logement {place}", "Entraide logement {place}"),
        ),
        (
            "Les Clés du quartier",
            "Toit d'abord",
            "Pignon sur rue",
            "Le Bail juste",
            "Les Balcons",
            "Maisons ouvertes",
        ),
        (
            (
                "L'organisme défend les droits des locataires et milite pour le logement social dans {place}.",
                "The organization defends tenants' rights and campaigns for social housing in {place}.",
            ),
            (
                "Un comité de locataires qui informe, accompagne et mobilise les ménages de {place}.",
                "A tenants' committee that informs, supports and organizes households in {place}.",
            ),
        ),
        ("tenant_rights",),
        ("housing_search", "social_housing", "lease_workshops", "rent_assistance", "tenant_line"),
    ),
    OrgKind(
        "housing_office",
        2,
        (("Bureau d'aide au logement {place}", "{place} Housing Help Office"),),
        (),
        (
            (
                "L'organisme aide les ménages à faible revenu à trouver et à garder un logement convenable.",
                "The organization helps low-income households find and keep decent housing.",
            ),
        ),
        ("housing_search",),
        ("housing_line", "rent_assistance", "social_housing", "housing_search_newcomer"),
    ),
    OrgKind(
        "community_clinic",
        4,
        (
            ("Clinique communautaire {place}", "{place} Community Clinic"),
            ("Clinique de proximité {nick}", "Clinique de proximité {nick}"),
            ("Clinique solidaire {place}", "Clinique solidaire {place}"),
        ),
        ("Le Carrefour santé", "Santé-Quartier", "Les Soignants"),
        (
            (
                "Une clinique communautaire qui rend les soins de santé accessibles aux personnes qui en sont exclues.",
                "A community clinic that makes health care accessible to people who are left out.",
            ),
        ),
        ("medical_clinic",),
        (
            "mental_health_counselling",
            "dental_clinic",
            "health_general",
            "harm_reduction",
            "medical_uninsured",
            "perinatal",
        ),
        sites=(1, 1, 2),
    ),
    OrgKind(
        "dental_clinic",
        4,
        (
            ("Clinique dentaire communautaire {place}", "{place} Community Dental Clinic"),
            ("Clinique dentaire solidaire {nick}", "Clinique dentaire solidaire {nick}"),
        ),
        ("Sourire pour tous", "Les Molaires", "Bouche à oreille"),
        (
            (
                "La clinique offre des soins dentaires abordables aux personnes qui n'ont pas d'assurance dentaire.",
                "The clinic provides affordable dental care to people without dental insurance.",
            ),
        ),
        ("dental_clinic",),
        ("dental_kids", "dental_seniors"),
        sizes=(1, 2, 2, 3),
    ),
    OrgKind(
        "mental_health",
        5,
        (
            ("Centre d'écoute {nick}", "Centre d'écoute {nick}"),
            ("Groupe d'entraide {nick}", "Groupe d'entraide {nick}"),
            ("L'Éclaircie {place}", "L'Éclaircie {place}"),
        ),
        ("Le Fil d'Ariane", "Entre-Nous", "La Vigie", "Le Tournesol", "Les Alliés", "Le Pont"),
        (
            (
                "L'organisme soutient les personnes qui vivent avec un trouble de santé mentale et leurs proches.",
                "The organization supports people living with a mental health condition and those close to them.",
            ),
            (
                "Un lieu d'entraide en santé mentale, fondé sur l'écoute et le rétablissement.",
                "A mental health peer support centre, built on listening and recovery.",
            ),
        ),
        ("mental_health_counselling",),
        (
            "mental_health_day",
            "warmline",
            "peer_support",
            "family_counselling",
            "volunteering",
            "online_support_group",
        ),
    ),
    OrgKind(
        "addiction",
        4,
        (("Centre de rétablissement {nick}", "{nick} Recovery Centre"), ("Maison {nick}", "Maison {nick}")),
        ("L'Ancrage", "Le Virage", "La Remontée", "Horizon-Est"),
        (
            (
                "L'organisme accompagne les personnes aux prises avec une dépendance et leur entourage.",
                "The organization supports people living with addiction and those around them.",
            ),
        ),
        ("addiction_counselling",),
        (
            "harm_reduction",
            "addiction_residential",
            "peer_support",
            "addiction_youth",
            "mental_health_counselling",
        ),
    ),
    OrgKind(
        "crisis_line",
        4,
        (("Ligne d'écoute {nick}", "{nick} Helpline"), ("Allô {nick}", "Allô {nick}")),
        ("La Veilleuse", "Bouée", "Phare de nuit", "Clair-Obscur", "Aube"),
        (
            (
                "L'organisme offre une écoute téléphonique gratuite et confidentielle, jour et nuit.",
                "The organization offers free, confidential telephone support, day and night.",
            ),
        ),
        ("crisis_line",),
        ("crisis_line_youth", "info_line", "warmline", "online_support_group"),
        sizes=(1, 2, 2),
        sites=(0,),
    ),
    OrgKind(
        "violence",
        4,
        (
            ("Centre {nick} d'aide aux victimes", "{nick} Victim Support Centre"),
            ("Ressource {nick} contre la violence", "Ressource {nick} contre la violence"),
        ),
        ("Passerelle", "L'Éveil", "Le Rempart", "Main tendue", "Le Cocon", "Aurore"),
        (
            (
                "L'organisme soutient les personnes victimes de violence et travaille à la prévenir.",
                "The organization supports survivors of violence and works to prevent it.",
            ),
        ),
        ("violence_support",),
        (
            "court_accompaniment",
            "violence_men_program",
            "crisis_line_violence",
            "elder_abuse_line",
            "crisis_general",
            "peer_support",
        ),
    ),
    OrgKind(
        "employment",
        6,
        (
            ("Cap Emploi {place}", "Cap Emploi {place}"),
            ("Centre d'emploi {nick}", "{nick} Employment Centre"),
            ("Service d'orientation {nick}", "Service d'orientation {nick}"),
        ),
        (
            "Tremplin Travail",
            "Envol",
            "Cap sur l'avenir",
            "Boussole",
            "Horizon Carrière",
            "Pas à Pas",
            "Relance",
        ),
        (
            (
                "L'organisme aide les personnes de {place} à trouver un emploi qui leur convient et à le garder.",
                "The organization helps people in {place} find a job that suits them, and keep it.",
            ),
            (
                "Un service d'employabilité qui accompagne jeunes et adultes dans leur parcours professionnel.",
                "An employment service that supports youth and adults along their career path.",
            ),
        ),
        ("job_search",),
        (
            "job_search_youth",
            "job_search_online",
            "job_search_50plus",
            "office_training",
            "job_training",
            "computer_basics",
            "job_search_newcomer",
        ),
        program=(
            ("Programme Premier emploi", "First Job Program"),
            (
                "Un parcours complet pour les jeunes qui entrent sur le marché du travail.",
                "A complete path for young people entering the job market.",
            ),
        ),
    ),
    OrgKind(
        "insertion",
        3,
        (("Entreprise d'insertion {nick}", "{nick} Social Enterprise"),),
        ("Atelier Bois-Franc", "Resto-Tremplin", "Logis-Tech"),
        (
            (
                "Une entreprise d'insertion qui forme en situation réelle de travail les personnes éloignées de "
                "l'emploi.",
                "A social enterprise that trains people far from the job market in a real work setting.",
            ),
        ),
        ("job_training",),
        ("job_search", "office_training", "thrift_store"),
        sizes=(2, 2, 3),
    ),
    OrgKind(
        "cpe",
        7,
        (("CPE {nick}", "CPE {nick}"), ("Garderie {nick}", "Garderie {nick}")),
        (
            "Les Petits Explorateurs",
            "La Cabane aux Bourgeons",
            "Pirouette et Cabriole",
            "Le Nid des Hiboux",
            "Les Petites Lucarnes",
            "Le Jardin des Mésanges",
            "Les Trottinettes",
            "La Ribambelle",
            "Les Cerfs-Volants",
        ),
        (
            (
                "Un centre de la petite enfance (CPE) qui offre un milieu de vie stimulant aux tout-petits du quartier.",
                "An early childhood centre (CPE) offering a stimulating daycare setting to the neighbourhood's "
                "youngest children.",
            ),
            (
                "Une garderie éducative où chaque enfant grandit à son rythme, entouré d'éducatrices qualifiées.",
                "An educational daycare where each child grows at their own pace, with qualified educators.",
            ),
        ),
        ("daycare_cpe",),
        ("parenting_workshops", "drop_in_daycare"),
        sizes=(1, 1, 2),
        sites=(1, 2, 2, 3),
    ),
    OrgKind(
        "youth",
        4,
        (
            ("Le Repaire jeunesse {place}", "Le Repaire jeunesse {place}"),
            ("Club parascolaire {nick}", "Club parascolaire {nick}"),
            ("Maison des jeunes {nick}", "Maison des jeunes {nick}"),
        ),
        ("L'Étincelle", "Le Spot", "La Ruche", "Les Cerfs", "Le Local"),
        (
            (
                "L'organisme offre aux enfants et aux adolescents un lieu sûr pour apprendre, s'amuser et s'impliquer.",
                "The organization gives children and teens a safe place to learn, have fun and get involved.",
            ),
        ),
        ("after_school",),
        ("youth_centre", "day_camp", "youth_volunteering", "job_search_youth", "addiction_youth"),
        sizes=(2, 3, 3, 4),
        program=(
            ("Programme jeunesse", "Youth Program"),
            (
                "Les activités de l'organisme pour les 6 à 17 ans, de l'aide aux devoirs au camp de jour.",
                "The organization's activities for ages 6 to 17, from homework help to day camp.",
            ),
        ),
    ),
    OrgKind(
        "family",
        6,
        (
            ("Maison des familles {nick}", "Maison des familles {nick}"),
            ("Espace Parents {place}", "Espace Parents {place}"),
            ("Halte-famille {nick}", "Halte-famille {nick}"),
        ),
        ("Le Cerf-volant", "La Courtepointe", "Les Petits Pas", "Le Berceau", "La Marelle", "Les Lucarnes"),
        (
            (
                "L'organisme soutient les parents et les familles de {place}, de la grossesse à l'adolescence.",
                "The organization supports parents and families in {place}, from pregnancy to the teenage years.",
            ),
            (
                "Un milieu de vie pour les familles, où les parents trouvent écoute, entraide et activités.",
                "A place for families, where parents find support, mutual aid and activities.",
            ),
        ),
        ("parenting_workshops",),
        (
            "drop_in_daycare",
            "family_counselling",
            "perinatal",
            "food_bank_baby",
            "family_general",
            "parenting_online",
            "thrift_store",
        ),
        sizes=(2, 3, 3, 4),
        program=(
            ("Programme Petite enfance et familles", "Early Childhood and Families Program"),
            (
                "Les services de l'organisme pour les parents d'enfants de 0 à 5 ans.",
                "The organization's services for parents of children aged 0 to 5.",
            ),
        ),
    ),
    OrgKind(
        "family_counselling",
        2,
        (("Service de consultation familiale {nick}", "{nick} Family Counselling Service"),),
        ("Le Trait d'union", "Harmonie"),
        (
            (
                "L'organisme aide les familles à traverser les crises et les transitions.",
                "The organization helps families through crises and transitions.",
            ),
        ),
        ("family_counselling",),
        ("family_counselling_newcomer", "mental_health_counselling", "parenting_workshops"),
    ),
    OrgKind(
        "thrift",
        4,
        (
            ("Friperie solidaire {nick}", "Friperie solidaire {nick}"),
            ("Vestiaire communautaire {place}", "{place} Community Clothing Room"),
            ("Ressourcerie {nick}", "Ressourcerie {nick}"),
        ),
        ("Deuxième Vie", "Le Retour", "La Trouvaille", "Fil à fil", "Le Grenier d'Alice"),
        (
            (
                "L'organisme redonne une seconde vie aux vêtements et aux objets, au profit des familles de {place}.",
                "The organization gives clothing and goods a second life, for the benefit of families in {place}.",
            ),
        ),
        ("thrift_store",),
        ("volunteering", "job_training", "clothing_free"),
        sizes=(1, 2, 2, 3),
    ),
    OrgKind(
        "legal_clinic",
        4,
        (
            ("Clinique juridique {place}", "{place} Legal Clinic"),
            ("Info-Droits {nick}", "Info-Droits {nick}"),
            ("Bureau d'information juridique {nick}", "Bureau d'information juridique {nick}"),
        ),
        ("Le Bon Droit", "Justice pour tous", "Balance", "L'Équité"),
        (
            (
                "L'organisme rend l'information juridique accessible à toutes et à tous.",
                "The organization makes legal information accessible to everyone.",
            ),
        ),
        ("legal_aid",),
        ("legal_line", "tenant_rights", "immigration_legal", "legal_general", "id_clinic"),
    ),
    OrgKind(
        "newcomer",
        6,
        (
            ("Accueil {nick} pour personnes immigrantes", "Accueil {nick} for Immigrants"),
            ("Centre d'intégration {place}", "{place} Integration Centre"),
            ("Maison internationale de {place}", "Maison internationale de {place}"),
            ("Passerelle nouveaux arrivants {place}", "{place} Newcomer Bridge"),
        ),
        ("Mosaïque", "Horizons", "Terre d'accueil", "Le Pont des cultures", "Rencontres"),
        (
            (
                "L'organisme accueille les personnes immigrantes et les accompagne dans leur installation à Montréal.",
                "The organization welcomes immigrants and supports them as they settle in Montréal.",
            ),
            (
                "Un lieu d'accueil et d'intégration pour les familles nouvellement arrivées dans {place}.",
                "A welcome and integration centre for families newly arrived in {place}.",
            ),
        ),
        ("immigration_help",),
        (
            "french_classes",
            "job_search_newcomer",
            "housing_search_newcomer",
            "family_counselling_newcomer",
            "conversation_cafe",
            "benefits_help",
            "french_online",
            "peer_support",
        ),
        sizes=(2, 3, 3, 4),
        boroughs=(
            "Côte-des-Neiges-Notre-Dame-de-Grâce",
            "Saint-Laurent",
            "Villeray-Saint-Michel-Parc-Extension",
            "Montréal-Nord",
            "Saint-Léonard",
            "Ahuntsic-Cartierville",
        ),
        program=(
            ("Programme d'accueil et d'intégration", "Welcome and Integration Program"),
            (
                "L'ensemble des services offerts pendant la première année au Québec.",
                "All the services offered during a newcomer's first year in Québec.",
            ),
        ),
    ),
    OrgKind(
        "refugee",
        3,
        (
            ("Comité d'accueil des réfugiés {place}", "{place} Refugee Welcome Committee"),
            ("Réseau {nick} d'aide aux demandeurs d'asile", "{nick} Asylum Seeker Support Network"),
        ),
        ("Refuge-Espoir", "Boréal", "Havre"),
        (
            (
                "L'organisme soutient les personnes réfugiées et demandeuses d'asile dès leur arrivée.",
                "The organization supports refugees and asylum seekers from the day they arrive.",
            ),
        ),
        ("refugee_help",),
        (
            "immigration_legal",
            "housing_search_newcomer",
            "clothing_free",
            "medical_uninsured",
            "french_classes",
        ),
        boroughs=(
            "Côte-des-Neiges-Notre-Dame-de-Grâce",
            "Villeray-Saint-Michel-Parc-Extension",
            "Saint-Laurent",
        ),
    ),
    OrgKind(
        "income",
        4,
        (
            ("Comptoir d'impôts {place}", "{place} Tax Desk"),
            ("Budget-Conseil {place}", "Budget-Conseil {place}"),
            ("Entraide budgétaire {nick}", "Entraide budgétaire {nick}"),
        ),
        ("Le Coffre", "La Tirelire", "Équilibre"),
        (
            (
                "L'organisme aide les ménages à mieux gérer leur budget et à obtenir les prestations auxquelles ils "
                "ont droit.",
                "The organization helps households manage their budget and get the benefits they are entitled to.",
            ),
        ),
        ("tax_clinic",),
        ("benefits_help", "budget_counselling", "financial_aid", "microloan", "benefits_line"),
    ),
    OrgKind(
        "emergency_fund",
        2,
        (("Fonds de dépannage {nick}", "{nick} Emergency Fund"),),
        ("Coup de pouce", "Main-forte"),
        (
            (
                "L'organisme offre une aide financière ponctuelle aux personnes qui traversent une crise.",
                "The organization provides one-time financial help to people going through a crisis.",
            ),
        ),
        ("financial_aid",),
        ("rent_assistance", "microloan", "budget_counselling"),
    ),
    OrgKind(
        "id_help",
        2,
        (
            ("Clinique Papiers {place}", "{place} ID Clinic"),
            ("Point Identité {nick}", "Point Identité {nick}"),
        ),
        ("Repère",),
        (
            (
                "L'organisme aide les personnes à obtenir les pièces d'identité dont elles ont besoin pour faire "
                "valoir leurs droits.",
                "The organization helps people get the identity documents they need to exercise their rights.",
            ),
        ),
        ("id_clinic",),
        ("benefits_help", "legal_general", "tax_clinic"),
        boroughs=("Ville-Marie", "Le Plateau-Mont-Royal"),
    ),
    OrgKind(
        "literacy",
        4,
        (
            ("Atelier d'alphabétisation {nick}", "Atelier d'alphabétisation {nick}"),
            ("Centre d'éducation populaire de {place}", "{place} Popular Education Centre"),
        ),
        ("Les Mots-Passants", "La Plume", "L'Abécédaire", "Les Lettres ouvertes", "Page blanche"),
        (
            (
                "L'organisme offre aux adultes des ateliers pour lire, écrire, compter et se débrouiller au quotidien.",
                "The organization offers adults workshops to read, write, count and manage daily life.",
            ),
        ),
        ("literacy",),
        ("computer_basics", "french_classes", "after_school", "education_general", "english_classes"),
    ),
    OrgKind(
        "seniors",
        5,
        (
            ("Coopérative de soutien à domicile {place}", "{place} Home Support Co-op"),
            ("Entraide aînés {place}", "Entraide aînés {place}"),
            ("Les Aînés {nick}", "Les Aînés {nick}"),
        ),
        ("Solidaires", "du Vieux-Moulin", "en Action", "Actifs"),
        (
            (
                "L'organisme aide les aînés de {place} à vivre chez eux en sécurité, entourés et actifs.",
                "The organization helps seniors in {place} live at home safely, connected and active.",
            ),
        ),
        ("home_help",),
        (
            "meal_delivery",
            "medical_transport",
            "caregiver_respite",
            "friendly_calls",
            "seniors_activities",
            "minor_repairs",
            "home_care_general",
            "grocery_shuttle",
            "friendly_visits",
        ),
        sizes=(2, 3, 3, 4),
        program=(
            ("Programme Bien vieillir chez soi", "Ageing at Home Program"),
            (
                "Les services qui permettent aux aînés de rester dans leur logement.",
                "The services that help seniors stay in their own homes.",
            ),
        ),
    ),
    OrgKind(
        "caregivers",
        3,
        (
            ("Répit {nick} pour proches aidants", "{nick} Caregiver Respite"),
            ("Maison de répit {nick}", "Maison de répit {nick}"),
        ),
        ("Le Relais", "La Pause", "Souffle"),
        (
            (
                "L'organisme soutient les proches aidants et leur offre des moments de répit.",
                "The organization supports caregivers and gives them time to rest.",
            ),
        ),
        ("caregiver_respite",),
        ("peer_support", "online_support_group", "home_help"),
    ),
    OrgKind(
        "transport",
        3,
        (
            ("Transport bénévole {place}", "{place} Volunteer Transport"),
            ("Accompagnement-transport {nick}", "Accompagnement-transport {nick}"),
        ),
        ("Roule-Aide", "Les Bons Conducteurs"),
        (
            (
                "L'organisme offre du transport accompagné aux personnes qui ne peuvent se déplacer seules.",
                "The organization offers escorted transportation to people who cannot travel alone.",
            ),
        ),
        ("medical_transport",),
        ("grocery_shuttle", "volunteering", "friendly_visits"),
        sizes=(1, 2, 2, 3),
    ),
    OrgKind(
        "community_centre",
        5,
        (
            ("Centre communautaire {nick}", "Centre communautaire {nick}"),
            ("Maison de quartier {place}", "{place} Neighbourhood House"),
        ),
        ("La Grande Table", "Le Carrefour des voisins", "Le Parvis", "L'Agora", "La Place commune"),
        (
            (
                "Le centre communautaire de {place} rassemble les résidents autour d'activités, de services et de "
                "projets collectifs.",
                "The {place} community centre brings residents together around activities, services and shared "
                "projects.",
            ),
        ),
        ("community_general",),
        (
            "volunteering",
            "conversation_cafe",
            "after_school",
            "meals_lunch",
            "seniors_activities",
            "peer_support",
            "computer_basics",
            "tax_clinic",
        ),
        sizes=(2, 3, 3, 4),
    ),
    OrgKind(
        "lgbtq",
        3,
        (
            ("Collectif Arc-en-ciel {place}", "Collectif Arc-en-ciel {place}"),
            ("Espace {nick}", "Espace {nick}"),
        ),
        ("Prisme", "Kaléidoscope"),
        (
            (
                "L'organisme offre écoute, entraide et défense des droits aux personnes LGBTQ+.",
                "The organization offers support, peer help and advocacy for LGBTQ+ people.",
            ),
        ),
        ("peer_support",),
        ("online_support_group", "mental_health_counselling", "transitional_youth", "legal_aid"),
        boroughs=("Ville-Marie", "Le Plateau-Mont-Royal"),
    ),
    OrgKind(
        "indigenous",
        3,
        (
            ("Cercle communautaire autochtone {nick}", "{nick} Indigenous Community Circle"),
            ("Centre {nick} pour les Autochtones en milieu urbain", "{nick} Urban Indigenous Centre"),
        ),
        ("Premières Lueurs", "Quatre Saisons", "Grand Pin"),
        (
            (
                "L'organisme offre aux personnes autochtones de Montréal un lieu culturellement sûr et des services "
                "adaptés.",
                "The organization offers Indigenous people in Montréal a culturally safe place and adapted services.",
            ),
        ),
        ("peer_support",),
        ("meals_lunch", "shelter_men", "job_search", "housing_search", "mental_health_counselling"),
        sizes=(2, 3, 3),
        boroughs=("Ville-Marie", "Le Sud-Ouest", "Le Plateau-Mont-Royal"),
    ),
    OrgKind(
        "veterans",
        2,
        (("Entraide vétérans {place}", "{place} Veterans' Support"),),
        (),
        (
            (
                "L'organisme soutient les vétérans et leur famille dans leur retour à la vie civile.",
                "The organization supports veterans and their families in returning to civilian life.",
            ),
        ),
        ("peer_support",),
        ("housing_search", "benefits_help", "job_search"),
        sizes=(2, 3),
    ),
    OrgKind(
        "students",
        3,
        (
            ("Coopérative étudiante {nick}", "Coopérative étudiante {nick}"),
            ("Comptoir alimentaire étudiant {place}", "{place} Student Food Counter"),
        ),
        ("Le Campus solidaire", "La Cafète"),
        (
            (
                "Un organisme étudiant qui répond aux besoins de base des étudiants en difficulté.",
                "A student organization meeting the basic needs of students in difficulty.",
            ),
        ),
        ("food_bank_students",),
        ("mental_health_students", "job_search_youth", "legal_aid", "tax_clinic"),
        sizes=(2, 2, 3),
        boroughs=("Côte-des-Neiges-Notre-Dame-de-Grâce", "Ville-Marie", "Le Plateau-Mont-Royal"),
    ),
)

ORG_KINDS_BY_KEY: dict[str, OrgKind] = {kind.key: kind for kind in ORG_KINDS}

# Kinds whose eligibility is fixed by the organization (its services inherit it).
ORG_ELIGIBILITY: dict[str, Elig] = {
    "lgbtq": LGBTQ,
    "indigenous": INDIGENOUS,
    "veterans": VETERAN,
    "students": STUDENT,
    "caregivers": CAREGIVER,
    "refugee": REFUGEE,
}


@dataclass(frozen=True, slots=True)
class Pinned:
    """An organization whose name and place are chosen, not drawn."""

    kind: str
    name: T
    borough: str
    lang: str = "both"  # "both", "fr" (French only) or "en" (English only)
    parent: str | None = None  # French name of the parent organization


PINNED: tuple[Pinned, ...] = (
    Pinned(
        "community_kitchen",
        ("Cuisine collective Hochelaga", "Cuisine collective Hochelaga"),
        "Mercier-Hochelaga-Maisonneuve",
        parent="Regroupement des cuisines collectives de l'Est",
    ),
    Pinned(
        "community_kitchen",
        ("Cuisines partagées Tétreaultville", "Cuisines partagées Tétreaultville"),
        "Mercier-Hochelaga-Maisonneuve",
        lang="fr",
        parent="Regroupement des cuisines collectives de l'Est",
    ),
    Pinned(
        "community_kitchen",
        ("La Marmite de Pointe-aux-Trembles", "La Marmite de Pointe-aux-Trembles"),
        "Rivière-des-Prairies-Pointe-aux-Trembles",
        parent="Regroupement des cuisines collectives de l'Est",
    ),
    Pinned(
        "women_shelter",
        ("Maison d'hébergement Le Phare", "Le Phare Women's Shelter"),
        "Rosemont-La Petite-Patrie",
    ),
    Pinned(
        "dental_clinic",
        ("Clinique dentaire communautaire Saint-Michel", "Saint-Michel Community Dental Clinic"),
        "Villeray-Saint-Michel-Parc-Extension",
    ),
    Pinned("cpe", ("CPE Les Petits Explorateurs", "CPE Les Petits Explorateurs"), "Le Plateau-Mont-Royal"),
    # English-only organizations, where English is the community's language.
    Pinned("food_bank", ("", "Lakeshore Helping Hands Pantry"), "Pointe-Claire", lang="en"),
    Pinned("seniors", ("", "West Island Seniors' Friendly Circle"), "Beaconsfield", lang="en"),
    Pinned("housing_committee", ("", "Sherbrooke West Tenants' Advice Desk"), "Westmount", lang="en"),
    Pinned("youth", ("", "Dollard Youth Drop-In"), "Dollard-Des Ormeaux", lang="en"),
)

# An umbrella organization with members among the pinned kitchens.
NETWORK: tuple[T, T, str] = (
    ("Regroupement des cuisines collectives de l'Est", "Eastern Montréal Collective Kitchens Network"),
    (
        "Le regroupement soutient les cuisines collectives de l'est de l'île : formation des animatrices, achats "
        "groupés et partage de recettes.",
        "The network supports the collective kitchens of the east of the island: facilitator training, group "
        "buying and recipe sharing.",
    ),
    "Mercier-Hochelaga-Maisonneuve",
)

# --- other shared text ----------------------------------------------------------------------------------

APPLY: dict[str, tuple[T, ...]] = {
    "walk-in": (
        (
            "Présentez-vous pendant les heures d'ouverture, sans rendez-vous.",
            "Come in during opening hours, no appointment needed.",
        ),
        ("Aucune inscription : venez directement sur place.", "No registration: just come in."),
    ),
    "appointment-required": (
        ("Prenez rendez-vous par téléphone.", "Book an appointment by phone."),
        ("Appelez-nous pour fixer une première rencontre.", "Call us to set up a first meeting."),
        (
            "Remplissez le formulaire en ligne; nous vous rappelons dans les 48 heures.",
            "Fill in the online form; we call you back within 48 hours.",
        ),
    ),
    "remote": (
        ("Appelez la ligne pendant les heures de service.", "Call the line during service hours."),
        ("Inscription en ligne ou par téléphone.", "Sign up online or by phone."),
    ),
    "line": (
        (
            "Composez le numéro, à toute heure du jour ou de la nuit.",
            "Call the number at any time of day or night.",
        ),
    ),
}

DOCUMENT_TEXT: dict[str, tuple[T, ...]] = {
    "photo-id": (
        (
            "Pièce d'identité avec photo (permis de conduire, passeport ou carte d'assurance maladie).",
            "Photo ID (driver's licence, passport or health card).",
        ),
        ("Une pièce d'identité avec photo.", "A piece of photo ID."),
    ),
    "health-card": (
        ("Carte d'assurance maladie du Québec valide.", "A valid Québec health insurance card."),
    ),
    "proof-of-address": (
        (
            "Preuve d'adresse récente (bail, facture d'électricité ou lettre officielle).",
            "Recent proof of address (lease, electricity bill or official letter).",
        ),
        ("Une preuve de résidence dans le secteur.", "Proof that you live in the area."),
    ),
    "proof-of-income": (
        (
            "Preuve de revenu (talon de paie, relevé d'aide sociale ou avis de cotisation).",
            "Proof of income (pay stub, social assistance statement or notice of assessment).",
        ),
        ("Relevés de revenus du dernier mois.", "Income statements for the last month."),
    ),
    "immigration-papers": (
        (
            "Documents d'immigration (confirmation de résidence permanente, permis de travail ou d'études, "
            "document du demandeur d'asile).",
            "Immigration documents (confirmation of permanent residence, work or study permit, refugee claimant "
            "document).",
        ),
    ),
    "referral-letter": (
        (
            "Lettre de référence d'un professionnel de la santé ou des services sociaux.",
            "A referral letter from a health or social services professional.",
        ),
    ),
}

ACCESS_YES: tuple[tuple[T, T], ...] = (
    (
        ("Entrée de plain-pied et ascenseur.", "Step-free entrance and elevator."),
        ("Toilettes adaptées au rez-de-chaussée.", "Accessible washroom on the ground floor."),
    ),
    (
        ("Rampe d'accès et porte automatique.", "Ramp and automatic door."),
        ("Places de stationnement réservées devant l'entrée.", "Reserved parking spaces by the entrance."),
    ),
    (
        (
            "Locaux entièrement au rez-de-chaussée, sans marche.",
            "Premises entirely on the ground floor, no steps.",
        ),
        ("Corridors larges et toilettes adaptées.", "Wide corridors and an accessible washroom."),
    ),
)
ACCESS_NO: tuple[tuple[T, T], ...] = (
    (
        ("Accès par un escalier de six marches; pas d'ascenseur.", "Access by six steps; no elevator."),
        (
            "Une sonnette à l'entrée permet de demander de l'aide.",
            "A doorbell at the entrance lets you ask for help.",
        ),
    ),
    (
        ("Locaux au deuxième étage, sans ascenseur.", "Premises on the second floor, no elevator."),
        (
            "Les rencontres peuvent se faire au rez-de-chaussée sur demande.",
            "Meetings can be held on the ground floor on request.",
        ),
    ),
)

LOCATION_NOTES: tuple[T, ...] = (
    ("Au rez-de-chaussée d'un immeuble résidentiel.", "On the ground floor of an apartment building."),
    (
        "Entrée par la porte de côté, au sous-sol de l'église.",
        "Enter by the side door, in the church basement.",
    ),
    ("Dans le centre communautaire, local 104.", "In the community centre, room 104."),
    (
        "Grand local lumineux avec cuisine et salle commune.",
        "A large, bright space with a kitchen and common room.",
    ),
    ("À l'étage d'un ancien bureau de poste rénové.", "Upstairs in a renovated former post office."),
)

SITE_NOTES: tuple[T, ...] = (
    (
        "Les services de ce point sont offerts en collaboration avec l'école du quartier.",
        "Services at this site are offered with the neighbourhood school.",
    ),
    (
        "Point de service satellite, ouvert moins d'heures que le siège.",
        "A satellite site, open fewer hours than the main office.",
    ),
    ("Le service est offert dans la salle commune.", "The service is offered in the common room."),
)

CONTACT_TITLES: tuple[tuple[T, T | None], ...] = (
    (("Coordonnatrice", "Coordinator"), None),
    (("Intervenante", "Support worker"), ("Intervention", "Front-line services")),
    (("Responsable de l'accueil", "Intake coordinator"), ("Accueil", "Reception")),
    (("Directeur général", "Executive director"), ("Direction", "Management")),
    (("Conseiller", "Counsellor"), None),
    (("Responsable des bénévoles", "Volunteer coordinator"), ("Bénévolat", "Volunteering")),
)

PEOPLE: tuple[str, ...] = (
    "Marie-Ève Tremblay",
    "Jean-François Gagnon",
    "Amira Haddad",
    "Nguyen Thi Lan",
    "Carlos Mendoza",
    "Sophie Bergeron",
    "Wilner Jean-Baptiste",
    "Fatima Benali",
    "Luc Pelletier",
    "Priya Raman",
    "Geneviève Roy",
    "Mohamed Diallo",
    "Isabelle Côté",
    "Daniel Lévesque",
    "Chen Wei",
    "Nadia Ouellet",
    "Kevin O'Connor",
    "Maria Rossi",
    "Élodie Fortin",
    "Samuel Joseph",
    "Rania Khalil",
    "Patrick Morin",
    "Ana Ferreira",
    "Julie Gauthier",
    "Hugo Lapointe",
    "Yasmine Belkacem",
    "Mélanie Caron",
    "Thomas Nadeau",
    "Lina Saade",
    "Anne-Marie Poirier",
    "Rosa Álvarez",
    "Frédéric Girard",
)

FUNDERS: tuple[T, ...] = (
    (
        "Ministère de la Santé et des Services sociaux, soutien à la mission globale",
        "Québec Ministry of Health and Social Services, core funding",
    ),
    ("Ville de Montréal, entente de développement social", "City of Montréal, social development agreement"),
    ("Dons de particuliers et d'entreprises du quartier", "Donations from local residents and businesses"),
    ("Ministère de la Famille, subvention de fonctionnement", "Québec Ministry of Families, operating grant"),
    (
        "Programme fédéral d'aide à l'établissement des nouveaux arrivants",
        "Federal newcomer settlement program",
    ),
    (
        "Fondation communautaire de quartier (campagne annuelle)",
        "Neighbourhood community foundation (annual campaign)",
    ),
    ("Services Québec, mesures d'employabilité", "Services Québec, employability measures"),
)

TAXONOMY_DESCRIPTIONS: dict[str, T] = {
    "needs": (
        "Besoins : ce qu'une personne cherche (famille et sous-catégorie).",
        "Needs: what a person is looking for (family and subcategory).",
    ),
    "eligibility": (
        "Admissibilité : à qui un service est réservé.",
        "Eligibility: who a service is reserved for.",
    ),
    "features": (
        "Caractéristiques : comment un service est offert.",
        "Features: how a service is delivered.",
    ),
    "documents": ("Documents : ce qu'un service demande.", "Documents: what a service asks for."),
}

# Second sentences for services delivered by phone or online (the needs pools speak of premises).
REMOTE_DETAILS: tuple[T, ...] = (
    ("Les appels sont confidentiels.", "Calls are confidential."),
    ("Un rappel est offert quand la ligne est occupée.", "A call-back is offered when the line is busy."),
    (
        "Les rencontres se font par téléphone ou par vidéo, selon votre préférence.",
        "Sessions are by phone or video, as you prefer.",
    ),
    ("Aucun déplacement n'est nécessaire.", "No need to travel."),
)

# Kinds whose needs pool would say something untrue of them get their own second sentences.
KIND_DETAILS: dict[str, tuple[T, ...]] = {
    "conversation_cafe": (
        ("Aucun niveau minimum : tout le monde est bienvenu.", "No minimum level: everyone is welcome."),
        ("Le café et les biscuits sont offerts.", "Coffee and cookies are on us."),
    ),
    "dental_seniors": (
        (
            "Un transport peut être organisé pour les aînés à mobilité réduite.",
            "Transportation can be arranged for seniors with reduced mobility.",
        ),
        (
            "Arrivez dix minutes avant votre rendez-vous pour remplir le questionnaire de santé.",
            "Arrive ten minutes before your appointment to fill in the health questionnaire.",
        ),
    ),
    "day_camp": (
        (
            "Un service de garde est offert avant et après le camp.",
            "Before- and after-camp care is available.",
        ),
        ("Les animateurs sont formés en premiers soins.", "Counsellors are trained in first aid."),
    ),
    "shelter_men": (
        (
            "Les casiers, la douche et la buanderie sont accessibles pendant le séjour.",
            "Lockers, showers and laundry are available during the stay.",
        ),
        (
            "Des intervenants aident à planifier la suite : logement, revenu, santé.",
            "Workers help plan the next steps: housing, income, health.",
        ),
    ),
}

# French place names that take an article: "du Plateau-Mont-Royal", "dans le Mile End".
PLACE_ARTICLES: dict[str, str] = {
    "Plateau-Mont-Royal": "le",
    "Mile End": "le",
    "Quartier chinois": "le",
    "Vieux-Montréal": "le",
    "Vieux-Rosemont": "le",
    "Centre-Sud": "le",
    "Faubourg Saint-Laurent": "le",
    "Petite-Bourgogne": "la",
}
