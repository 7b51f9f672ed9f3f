"""The words of the generated directory, in French and English: service names and description fragments
for every needs code of the core taxonomy, generic sentences, eligibility, documents, languages, and the
words the search workload types.

Each entry is a (French, English) pair, so a service reads the same in both languages.
"""

from __future__ import annotations

Pair = tuple[str, str]

# Service names and "what we do" sentences for every needs code without children (families with children
# borrow from them).
NAMES: dict[str, tuple[Pair, ...]] = {
    "food-bank": (
        ("Banque alimentaire", "Food bank"),
        ("Paniers d'épicerie", "Grocery hampers"),
        ("Dépannage alimentaire", "Emergency food assistance"),
        ("Épicerie solidaire", "Community grocery"),
    ),
    "meals": (
        ("Repas communautaires", "Community meals"),
        ("Soupe populaire", "Soup kitchen"),
        ("Cuisine collective", "Collective kitchen"),
        ("Petits-déjeuners gratuits", "Free breakfasts"),
    ),
    "meal-delivery": (
        ("Popote roulante", "Meals on wheels"),
        ("Livraison de repas chauds", "Hot meal delivery"),
    ),
    "emergency-shelter": (
        ("Hébergement d'urgence", "Emergency shelter"),
        ("Refuge de nuit", "Overnight shelter"),
        ("Halte-chaleur", "Warming centre"),
    ),
    "transitional-housing": (
        ("Logement de transition", "Transitional housing"),
        ("Maison d'hébergement de deuxième étape", "Second-stage housing"),
    ),
    "housing-search": (
        ("Aide à la recherche de logement", "Housing search help"),
        ("Comité logement", "Housing committee"),
    ),
    "rent-assistance": (
        ("Aide au loyer", "Rent assistance"),
        ("Soutien pour les factures d'énergie", "Help with energy bills"),
    ),
    "tenant-rights": (
        ("Information sur les droits des locataires", "Tenant rights information"),
        ("Association de locataires", "Tenants' association"),
    ),
    "medical-care": (
        ("Clinique médicale sans rendez-vous", "Walk-in medical clinic"),
        ("Soins infirmiers de proximité", "Community nursing care"),
        ("Clinique de santé pour personnes sans assurance", "Health clinic for uninsured people"),
    ),
    "dental-care": (
        ("Clinique dentaire communautaire", "Community dental clinic"),
        ("Soins dentaires à faible coût", "Low-cost dental care"),
        ("Dentiste pour enfants", "Children's dentist"),
    ),
    "mental-health": (
        ("Soutien en santé mentale", "Mental health support"),
        ("Consultation psychologique", "Counselling"),
        ("Centre de jour en santé mentale", "Mental health day centre"),
    ),
    "addiction": (
        ("Soutien en dépendances", "Addiction support"),
        ("Centre de réadaptation en toxicomanie", "Substance use recovery centre"),
        ("Réduction des méfaits", "Harm reduction"),
    ),
    "crisis-line": (
        ("Ligne d'écoute", "Helpline"),
        ("Ligne de crise 24 heures", "24-hour crisis line"),
        ("Prévention du suicide", "Suicide prevention"),
    ),
    "violence-support": (
        ("Soutien aux victimes de violence conjugale", "Support for survivors of domestic violence"),
        ("Centre d'aide aux victimes d'actes criminels", "Crime victims assistance centre"),
    ),
    "job-search": (
        ("Club de recherche d'emploi", "Job search club"),
        ("Aide à la rédaction de CV", "Résumé writing help"),
        ("Carrefour jeunesse-emploi", "Youth employment centre"),
    ),
    "job-training": (
        ("Formation professionnelle", "Vocational training"),
        ("Entreprise d'insertion", "Work integration social enterprise"),
        ("Stage en milieu de travail", "Workplace internship"),
    ),
    "daycare": (
        ("Centre de la petite enfance", "Early childhood centre"),
        ("Garderie communautaire", "Community daycare"),
        ("Halte-garderie", "Drop-in daycare"),
    ),
    "after-school": (
        ("Aide aux devoirs", "Homework help"),
        ("Activités parascolaires", "After-school activities"),
        ("Club des jeunes", "Youth club"),
    ),
    "family-counselling": (
        ("Consultation familiale", "Family counselling"),
        ("Médiation familiale", "Family mediation"),
    ),
    "parenting-support": (
        ("Ateliers parents-enfants", "Parent-child workshops"),
        ("Maison de la famille", "Family house"),
        ("Soutien aux nouveaux parents", "Support for new parents"),
    ),
    "clothing": (
        ("Friperie communautaire", "Community thrift shop"),
        ("Comptoir vestimentaire", "Clothing bank"),
        ("Meubles et articles ménagers", "Furniture and household goods"),
    ),
    "legal-aid": (
        ("Clinique juridique gratuite", "Free legal clinic"),
        ("Consultation avec un avocat", "Meet a lawyer"),
    ),
    "immigration-help": (
        ("Accueil des nouveaux arrivants", "Newcomer welcome services"),
        ("Soutien aux personnes réfugiées", "Refugee support"),
        ("Aide aux demandeurs d'asile", "Help for asylum seekers"),
    ),
    "financial-aid": (
        ("Aide financière d'urgence", "Emergency financial aid"),
        ("Fonds de dépannage", "Emergency fund"),
    ),
    "benefits-help": (
        ("Clinique d'impôts", "Tax clinic"),
        ("Aide aux demandes de prestations", "Help applying for benefits"),
        ("Budget et endettement", "Budgeting and debt help"),
    ),
    "documents": (
        ("Aide pour obtenir des pièces d'identité", "Help getting identity documents"),
        ("Remplacement de documents perdus", "Replacing lost documents"),
    ),
    "language-classes": (
        ("Cours de francisation", "French classes for newcomers"),
        ("Conversation française", "French conversation group"),
        ("Cours d'anglais langue seconde", "English as a second language"),
    ),
    "literacy": (
        ("Alphabétisation populaire", "Adult literacy"),
        ("Éducation des adultes", "Adult education"),
        ("Initiation à l'informatique", "Computer basics"),
    ),
    "home-help": (
        ("Aide à domicile", "Home help"),
        ("Entretien ménager pour aînés", "Housekeeping for seniors"),
        ("Menus travaux", "Small home repairs"),
    ),
    "caregiver-respite": (
        ("Répit pour proches aidants", "Caregiver respite"),
        ("Centre de jour pour aînés", "Seniors' day centre"),
    ),
    "transportation": (
        ("Transport bénévole", "Volunteer driving"),
        ("Accompagnement aux rendez-vous médicaux", "Rides to medical appointments"),
        ("Transport adapté", "Accessible transportation"),
    ),
    "peer-support": (
        ("Groupe d'entraide", "Self-help group"),
        ("Soutien par les pairs", "Peer support"),
        ("Café-rencontre", "Drop-in café"),
    ),
    "volunteering": (
        ("Centre d'action bénévole", "Volunteer centre"),
        ("Activités pour aînés", "Activities for seniors"),
        ("Jardin communautaire", "Community garden"),
    ),
}

WHAT: dict[str, tuple[Pair, ...]] = {
    "food-bank": (
        (
            "Distribution hebdomadaire de fruits, légumes, produits laitiers et denrées non périssables.",
            "Weekly handout of fruit, vegetables, dairy and non-perishable food.",
        ),
        (
            "Les paniers sont préparés par des bénévoles à partir des surplus des épiceries du quartier.",
            "Hampers are packed by volunteers from the surplus of local grocery stores.",
        ),
        (
            "Dépannage alimentaire ponctuel pour les familles et les personnes seules en difficulté.",
            "One-time food assistance for families and single people going through a hard time.",
        ),
    ),
    "meals": (
        (
            "Repas chauds servis le midi dans une ambiance conviviale, pour une contribution symbolique.",
            "Hot lunches served in a friendly setting, for a token contribution.",
        ),
        (
            "Les participants cuisinent ensemble des plats à rapporter à la maison.",
            "Participants cook meals together to take home.",
        ),
    ),
    "meal-delivery": (
        (
            "Des bénévoles livrent des repas chauds et équilibrés aux aînés et aux convalescents.",
            "Volunteers deliver hot, balanced meals to seniors and people recovering from illness.",
        ),
    ),
    "emergency-shelter": (
        (
            "Lits pour la nuit, douches, souper et petit-déjeuner pour les personnes sans abri.",
            "Beds for the night, showers, supper and breakfast for people experiencing homelessness.",
        ),
        (
            "Intervenants sur place pour orienter vers un logement et les services de santé.",
            "Workers on site help people find housing and health services.",
        ),
    ),
    "transitional-housing": (
        (
            "Studios meublés pour une période de six mois à deux ans, avec un accompagnement personnalisé.",
            "Furnished studios for six months to two years, with one-on-one support.",
        ),
    ),
    "housing-search": (
        (
            "Aide à la recherche d'un appartement, aux demandes de logement social et aux visites.",
            "Help finding an apartment, applying for social housing and preparing for visits.",
        ),
    ),
    "rent-assistance": (
        (
            "Aide ponctuelle pour payer le loyer ou une facture d'électricité en retard.",
            "One-time help paying the rent or an overdue electricity bill.",
        ),
    ),
    "tenant-rights": (
        (
            "Information sur les hausses de loyer, les réparations et les avis d'éviction.",
            "Information about rent increases, repairs and eviction notices.",
        ),
        (
            "Accompagnement au Tribunal administratif du logement.",
            "Support at the housing tribunal.",
        ),
    ),
    "medical-care": (
        (
            "Consultations avec une infirmière ou un médecin, vaccination et dépistage.",
            "Visits with a nurse or a doctor, vaccinations and screening.",
        ),
        (
            "Soins de santé pour les personnes sans carte d'assurance maladie.",
            "Health care for people without a health insurance card.",
        ),
    ),
    "dental-care": (
        (
            "Examens, nettoyages et soins dentaires d'urgence à coût réduit.",
            "Check-ups, cleanings and emergency dental care at reduced cost.",
        ),
        (
            "Les soins sont donnés par des étudiants supervisés par des dentistes.",
            "Care is given by students supervised by dentists.",
        ),
    ),
    "mental-health": (
        (
            "Rencontres individuelles avec un intervenant et groupes de soutien.",
            "One-on-one meetings with a worker and support groups.",
        ),
        (
            "Accompagnement des personnes vivant avec un trouble de santé mentale et de leurs proches.",
            "Support for people living with a mental illness and for their families.",
        ),
    ),
    "addiction": (
        (
            "Accueil, évaluation et suivi pour les personnes aux prises avec une dépendance.",
            "Intake, assessment and follow-up for people living with an addiction.",
        ),
        (
            "Matériel d'injection et d'inhalation stérile, naloxone et dépistage.",
            "Sterile injection and inhalation supplies, naloxone and testing.",
        ),
    ),
    "crisis-line": (
        (
            "Écoute téléphonique anonyme et confidentielle, jour et nuit.",
            "Anonymous and confidential phone support, day and night.",
        ),
        (
            "Des intervenants formés répondent aux personnes en détresse et à leurs proches.",
            "Trained workers answer people in distress and their loved ones.",
        ),
    ),
    "violence-support": (
        (
            "Écoute, hébergement sécuritaire et accompagnement juridique pour les victimes de violence.",
            "Listening, safe housing and legal support for survivors of violence.",
        ),
    ),
    "job-search": (
        (
            "Ateliers de rédaction de CV, simulations d'entrevue et offres d'emploi du quartier.",
            "Résumé workshops, mock interviews and local job offers.",
        ),
        (
            "Une conseillère en emploi vous aide à préparer votre retour au travail.",
            "An employment counsellor helps you prepare your return to work.",
        ),
    ),
    "job-training": (
        (
            "Formation rémunérée de vingt semaines en cuisine, entrepôt ou service à la clientèle.",
            "Twenty weeks of paid training in cooking, warehousing or customer service.",
        ),
    ),
    "daycare": (
        (
            "Service de garde éducatif pour les enfants de 18 mois à 5 ans.",
            "Educational childcare for children from 18 months to 5 years old.",
        ),
        (
            "Des places à contribution réduite sont réservées aux familles du quartier.",
            "Reduced-contribution places are kept for families of the neighbourhood.",
        ),
    ),
    "after-school": (
        (
            "Aide aux devoirs, sports et activités artistiques après l'école.",
            "Homework help, sports and arts activities after school.",
        ),
    ),
    "family-counselling": (
        (
            "Rencontres avec une travailleuse sociale pour les familles en période difficile.",
            "Meetings with a social worker for families going through a hard time.",
        ),
    ),
    "parenting-support": (
        (
            "Ateliers de stimulation pour les tout-petits et cafés-rencontres pour les parents.",
            "Play sessions for toddlers and drop-in coffee mornings for parents.",
        ),
        (
            "Prêt de vêtements de maternité, de poussettes et de sièges d'auto.",
            "Loans of maternity clothes, strollers and car seats.",
        ),
    ),
    "clothing": (
        (
            "Vêtements pour toute la famille, meubles et articles de cuisine à petit prix.",
            "Clothes for the whole family, furniture and kitchenware at low prices.",
        ),
    ),
    "legal-aid": (
        (
            "Consultations juridiques gratuites en droit de la famille, du logement et du travail.",
            "Free legal consultations in family, housing and employment law.",
        ),
    ),
    "immigration-help": (
        (
            "Accueil, orientation et aide aux démarches d'immigration pour les nouveaux arrivants.",
            "Welcome, orientation and help with immigration procedures for newcomers.",
        ),
        (
            "Soutien aux demandeurs d'asile pour le permis de travail et l'audience.",
            "Support for asylum seekers with the work permit and the hearing.",
        ),
    ),
    "financial-aid": (
        (
            "Aide financière ponctuelle pour une dépense urgente, après une courte évaluation.",
            "One-time financial help for an urgent expense, after a short assessment.",
        ),
    ),
    "benefits-help": (
        (
            "Des bénévoles remplissent gratuitement les déclarations de revenus des ménages à faible revenu.",
            "Volunteers fill in income tax returns for free for people with low income.",
        ),
        (
            "Aide pour les demandes d'aide sociale, d'allocations familiales et de pension.",
            "Help applying for welfare, family allowances and pensions.",
        ),
    ),
    "documents": (
        (
            "Aide à remplacer une carte d'assurance maladie, un acte de naissance, une pièce d'identité.",
            "Help replacing a health card, a birth certificate or a piece of ID.",
        ),
    ),
    "language-classes": (
        (
            "Cours de français à temps partiel, le jour ou le soir, pour tous les niveaux.",
            "Part-time French classes, day or evening, for every level.",
        ),
    ),
    "literacy": (
        (
            "Ateliers de lecture, d'écriture et de calcul pour adultes, en petits groupes.",
            "Reading, writing and numeracy workshops for adults, in small groups.",
        ),
    ),
    "home-help": (
        (
            "Entretien ménager, préparation de repas et courses pour les aînés qui vivent chez eux.",
            "Housekeeping, meal preparation and shopping for seniors living at home.",
        ),
    ),
    "caregiver-respite": (
        (
            "Quelques heures de répit par semaine pour les proches aidants, avec une présence à domicile.",
            "A few hours of respite a week for caregivers, with someone at home.",
        ),
    ),
    "transportation": (
        (
            "Des chauffeurs bénévoles accompagnent les aînés à leurs rendez-vous médicaux.",
            "Volunteer drivers take seniors to their medical appointments.",
        ),
    ),
    "peer-support": (
        (
            "Groupes de parole animés par des pairs, dans un climat de respect et de confidentialité.",
            "Peer-led support groups, in a respectful and confidential setting.",
        ),
    ),
    "volunteering": (
        (
            "Activités sociales, sorties et bénévolat pour briser l'isolement.",
            "Social activities, outings and volunteering to break isolation.",
        ),
    ),
}

# Sentences any service may use: how to come, who is welcome, what else to know.
GENERIC: tuple[Pair, ...] = (
    ("Présentez-vous sans rendez-vous pendant les heures d'ouverture.", "Drop in during opening hours."),
    ("Appelez-nous pour fixer une première rencontre.", "Call us to set up a first meeting."),
    ("Inscription obligatoire par téléphone.", "Registration by phone is required."),
    ("Tout le monde est bienvenu, sans jugement.", "Everyone is welcome, without judgement."),
    (
        "L'équipe parle français, anglais et plusieurs autres langues.",
        "The team speaks French, English and several other languages.",
    ),
    ("Service offert en collaboration avec le CLSC du secteur.", "Offered together with the local CLSC."),
    ("Les locaux sont situés près d'une station de métro.", "The premises are close to a metro station."),
    ("Le service est financé par Centraide et la Ville.", "The service is funded by Centraide and the City."),
    (
        "Une intervenante assure le suivi des personnes inscrites.",
        "A worker follows up with everyone registered.",
    ),
    (
        "Des bénévoles du quartier participent à toutes les activités.",
        "Volunteers from the neighbourhood take part in every activity.",
    ),
    (
        "La liste d'attente est habituellement de deux à quatre semaines.",
        "The waiting list is usually two to four weeks.",
    ),
    ("Fermé pendant les vacances de la construction.", "Closed during the construction holiday."),
    ("Un interprète peut être présent sur demande.", "An interpreter can be present on request."),
    ("Les enfants sont les bienvenus.", "Children are welcome."),
    ("Stationnement gratuit à l'arrière du bâtiment.", "Free parking behind the building."),
    ("Accès par la porte de côté, au rez-de-chaussée.", "Entrance by the side door, on the ground floor."),
    ("Service confidentiel.", "Confidential service."),
    (
        "Nous orientons aussi vers d'autres ressources du quartier.",
        "We also refer people to other local resources.",
    ),
)

ORGANIZATIONS: tuple[Pair, ...] = (
    ("Centre communautaire de {place}", "{place} Community Centre"),
    ("Carrefour d'entraide de {place}", "{place} Mutual Aid Hub"),
    ("Maison de quartier de {place}", "{place} Neighbourhood House"),
    ("Regroupement des organismes de {place}", "{place} Community Groups Network"),
    ("Centre d'action bénévole de {place}", "{place} Volunteer Action Centre"),
    ("Association des familles de {place}", "{place} Family Association"),
    ("Entraide {place}", "{place} Mutual Help"),
    ("Services communautaires {place}", "{place} Community Services"),
    ("Réseau solidarité {place}", "{place} Solidarity Network"),
    ("Fondation du cœur de {place}", "{place} Heart Foundation"),
)
ORGANIZATION_WHAT: tuple[Pair, ...] = (
    (
        "L'organisme soutient les résidents de {place} depuis {year}.",
        "The organization has supported the residents of {place} since {year}.",
    ),
    (
        "Un organisme communautaire qui lutte contre la pauvreté et l'isolement à {place}.",
        "A community organization fighting poverty and isolation in {place}.",
    ),
    (
        "Nous travaillons avec les écoles, le CLSC et les autres groupes de {place}.",
        "We work with the schools, the CLSC and the other groups of {place}.",
    ),
)

ELIGIBILITY: dict[str, Pair] = {
    "men": ("Réservé aux hommes.", "For men only."),
    "women": ("Réservé aux femmes.", "For women only."),
    "gender-diverse": ("Pour les personnes trans et non binaires.", "For trans and non-binary people."),
    "homeless": ("Pour les personnes en situation d'itinérance.", "For people experiencing homelessness."),
    "newcomer": (
        "Pour les personnes immigrantes arrivées depuis moins de cinq ans.",
        "For immigrants who arrived less than five years ago.",
    ),
    "refugee": ("Pour les personnes réfugiées et demandeuses d'asile.", "For refugees and asylum seekers."),
    "indigenous": ("Pour les personnes autochtones.", "For Indigenous people."),
    "lgbtq": ("Pour les personnes LGBTQ+.", "For LGBTQ+ people."),
    "disability": ("Pour les personnes en situation de handicap.", "For people with disabilities."),
    "low-income": ("Pour les ménages à faible revenu.", "For low-income households."),
    "parent": ("Pour les parents et les futurs parents.", "For parents and expectant parents."),
    "caregiver": ("Pour les proches aidants.", "For caregivers."),
    "violence-survivor": ("Pour les personnes victimes de violence.", "For survivors of violence."),
    "veteran": ("Pour les vétérans.", "For veterans."),
    "student": ("Pour les étudiants.", "For students."),
}

DOCUMENTS: dict[str, Pair] = {
    "photo-id": ("Une pièce d'identité avec photo.", "A piece of photo ID."),
    "health-card": ("La carte d'assurance maladie.", "Your health insurance card."),
    "proof-of-address": ("Une preuve d'adresse récente.", "A recent proof of address."),
    "proof-of-income": (
        "Une preuve de revenu (talon de paie ou relevé d'aide sociale).",
        "Proof of income (pay stub or welfare statement).",
    ),
    "immigration-papers": ("Vos documents d'immigration.", "Your immigration documents."),
    "referral-letter": (
        "Une lettre de référence d'un professionnel.",
        "A referral letter from a professional.",
    ),
}

# ISO 639-1 codes with their names, and how often a service speaks them besides French.
LANGUAGES: dict[str, tuple[str, str, float]] = {
    "en": ("Anglais", "English", 0.70),
    "es": ("Espagnol", "Spanish", 0.18),
    "ar": ("Arabe", "Arabic", 0.14),
    "ht": ("Créole haïtien", "Haitian Creole", 0.08),
    "zh": ("Chinois", "Chinese", 0.06),
    "vi": ("Vietnamien", "Vietnamese", 0.04),
    "pt": ("Portugais", "Portuguese", 0.04),
    "it": ("Italien", "Italian", 0.04),
    "fa": ("Persan", "Persian", 0.03),
    "ru": ("Russe", "Russian", 0.03),
    "ta": ("Tamoul", "Tamil", 0.02),
    "tl": ("Tagalog", "Tagalog", 0.03),
    "pa": ("Pendjabi", "Punjabi", 0.02),
}

# What the search workload types: category words as people write them, in both languages (the engine's
# synonyms and typo tolerance get their share of the work too).
QUERY_PHRASES: tuple[tuple[str, str], ...] = (
    ("banque alimentaire", "fr"),
    ("food bank", "en"),
    ("hébergement", "fr"),
    ("shelter", "en"),
    ("dentiste", "fr"),
    ("dentist", "en"),
    ("garderie", "fr"),
    ("daycare", "en"),
    ("emploi", "fr"),
    ("job", "en"),
    ("repas", "fr"),
    ("meals", "en"),
    ("logement", "fr"),
    ("housing", "en"),
    ("santé mentale", "fr"),
    ("mental health", "en"),
    ("clinique", "fr"),
    ("vêtements", "fr"),
    ("clothing", "en"),
    ("impôts", "fr"),
    ("francisation", "fr"),
    ("aide aux devoirs", "fr"),
    ("homework", "en"),
    ("aînés", "fr"),
    ("seniors", "en"),
    ("réfugiés", "fr"),
    ("newcomers", "en"),
    ("aide juridique", "fr"),
    ("legal aid", "en"),
    ("ligne d'écoute", "fr"),
    ("violence conjugale", "fr"),
    ("toxicomanie", "fr"),
    ("addiction", "en"),
    ("transport", "fr"),
    ("alphabétisation", "fr"),
    ("répit", "fr"),
    ("popote roulante", "fr"),
    ("friperie", "fr"),
    ("cuisine collective", "fr"),
    ("locataires", "fr"),
)
