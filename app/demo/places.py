"""Montréal facts the demo addresses are built from: boroughs and linked cities, their population, real street
names with plausible civic-number ranges, metro stations and neighbourhood names.

Keys are the `name` property of montreal-boroughs.geojson. Populations are rounded 2021 census figures, used
only as sampling weights; street ranges are approximate (a plausible number, not a geocodable one).
"""

from __future__ import annotations

from dataclasses import dataclass

T = tuple[str, str]  # (French, English)


@dataclass(frozen=True, slots=True)
class Place:
    population: int
    streets: tuple[tuple[str, int, int], ...]  # (street, lowest civic number, highest)
    neighbourhoods: tuple[T, ...]
    metro: tuple[str, ...] = ()
    linked_city: bool = False


PLACES: dict[str, Place] = {
    "Ahuntsic-Cartierville": Place(
        134_000,
        (
            ("boulevard Henri-Bourassa Est", 100, 2400),
            ("boulevard Henri-Bourassa Ouest", 100, 5800),
            ("rue Fleury Est", 100, 2500),
            ("rue Lajeunesse", 9000, 11900),
            ("boulevard Gouin Ouest", 100, 6800),
            ("boulevard de l'Acadie", 9000, 11800),
            ("boulevard Laurentien", 10000, 12200),
            ("avenue Christophe-Colomb", 9000, 10700),
            ("rue Sauvé Est", 100, 2200),
        ),
        (("Ahuntsic", "Ahuntsic"), ("Cartierville", "Cartierville"), ("Bordeaux", "Bordeaux")),
        ("Henri-Bourassa", "Sauvé", "Crémazie"),
    ),
    "Anjou": Place(
        42_800,
        (
            ("avenue de Chaumont", 7000, 8000),
            ("boulevard des Roseraies", 7000, 7900),
            ("boulevard Joseph-Renaud", 6000, 7500),
            ("avenue Azilda", 7000, 7800),
            ("boulevard Wilfrid-Pelletier", 7000, 7800),
            ("rue Jarry Est", 7000, 8500),
        ),
        (("Anjou", "Anjou"),),
    ),
    "Baie-D'Urfé": Place(
        3_800,
        (("chemin du Bord-du-Lac", 20000, 20700), ("rue Morgan", 20, 120)),
        (("Baie-D'Urfé", "Baie-D'Urfé"),),
        linked_city=True,
    ),
    "Beaconsfield": Place(
        19_300,
        (
            ("boulevard Beaconsfield", 100, 600),
            ("boulevard Saint-Charles", 100, 600),
            ("chemin du Bord-du-Lac-Lakeshore", 100, 500),
        ),
        (("Beaconsfield", "Beaconsfield"),),
        linked_city=True,
    ),
    "Côte-Saint-Luc": Place(
        34_500,
        (
            ("chemin de la Côte-Saint-Luc", 5700, 7500),
            ("avenue Westminster Nord", 5500, 6800),
            ("boulevard Cavendish", 5500, 7000),
        ),
        (("Côte-Saint-Luc", "Côte-Saint-Luc"),),
        linked_city=True,
    ),
    "Côte-des-Neiges-Notre-Dame-de-Grâce": Place(
        166_500,
        (
            ("chemin de la Côte-des-Neiges", 3000, 5800),
            ("chemin Queen-Mary", 3000, 5600),
            ("avenue Victoria", 4500, 6200),
            ("rue Sherbrooke Ouest", 4800, 7200),
            ("boulevard Décarie", 4000, 6000),
            ("avenue de Monkland", 5000, 6300),
            ("chemin de la Côte-Sainte-Catherine", 3000, 6000),
            ("avenue Van Horne", 4800, 5600),
            ("avenue Somerled", 5000, 7000),
            ("boulevard Édouard-Montpetit", 2900, 4000),
        ),
        (
            ("Côte-des-Neiges", "Côte-des-Neiges"),
            ("Notre-Dame-de-Grâce", "Notre-Dame-de-Grâce"),
            ("Snowdon", "Snowdon"),
        ),
        (
            "Côte-des-Neiges",
            "Université-de-Montréal",
            "Plamondon",
            "Snowdon",
            "Villa-Maria",
            "Vendôme",
            "Côte-Sainte-Catherine",
        ),
    ),
    "Dollard-Des Ormeaux": Place(
        48_900,
        (
            ("boulevard des Sources", 3000, 4200),
            ("boulevard Brunswick", 2000, 4600),
            ("boulevard de Salaberry", 3000, 4800),
            ("rue Spring Garden", 1, 200),
        ),
        (("Dollard-Des Ormeaux", "Dollard-Des Ormeaux"),),
        linked_city=True,
    ),
    "Dorval": Place(
        19_300,
        (
            ("avenue Dorval", 300, 1000),
            ("boulevard Bouchard", 300, 1000),
            ("chemin du Bord-du-Lac-Lakeshore", 400, 1200),
        ),
        (("Dorval", "Dorval"),),
        linked_city=True,
    ),
    "Hampstead": Place(
        7_000,
        (("chemin Queen-Mary", 5500, 5700), ("rue Fleet", 5500, 5800)),
        (("Hampstead", "Hampstead"),),
        linked_city=True,
    ),
    "Kirkland": Place(
        19_900,
        (("boulevard Saint-Charles", 2500, 3600), ("rue Lauzon", 1, 300), ("boulevard Hymus", 16000, 17500)),
        (("Kirkland", "Kirkland"),),
        linked_city=True,
    ),
    "L'Île-Bizard-Sainte-Geneviève": Place(
        18_000,
        (
            ("boulevard Jacques-Bizard", 300, 1200),
            ("rue Cherrier", 400, 900),
            ("boulevard Gouin Ouest", 15500, 16800),
        ),
        (("L'Île-Bizard", "L'Île-Bizard"), ("Sainte-Geneviève", "Sainte-Geneviève")),
    ),
    "L'Île-Dorval": Place(
        0, (("avenue de l'Île", 1, 40),), (("L'Île-Dorval", "L'Île-Dorval"),), linked_city=True
    ),
    "LaSalle": Place(
        76_900,
        (
            ("boulevard Newman", 7000, 9000),
            ("rue Centrale", 8000, 9200),
            ("avenue Dollard", 600, 2000),
            ("boulevard Champlain", 8000, 9400),
            ("rue Lapierre", 1000, 3000),
            ("boulevard Shevchenko", 7500, 9000),
        ),
        (("LaSalle", "LaSalle"), ("Airlie", "Airlie")),
        ("Angrignon",),
    ),
    "Lachine": Place(
        44_500,
        (
            ("rue Notre-Dame", 400, 3500),
            ("boulevard Saint-Joseph", 400, 3000),
            ("rue Provost", 600, 2700),
            ("44e Avenue", 100, 1700),
            ("rue Victoria", 400, 3000),
        ),
        (("Lachine", "Lachine"), ("Duff-Court", "Duff-Court")),
    ),
    "Le Plateau-Mont-Royal": Place(
        104_000,
        (
            ("avenue du Mont-Royal Est", 100, 2500),
            ("rue Saint-Denis", 3500, 5000),
            ("boulevard Saint-Laurent", 3500, 5500),
            ("rue Rachel Est", 100, 2500),
            ("avenue Papineau", 4000, 5000),
            ("avenue Laurier Est", 100, 2500),
            ("rue Saint-Hubert", 3500, 5000),
            ("avenue du Parc", 3500, 5500),
            ("rue Marie-Anne Est", 100, 2000),
        ),
        (
            ("Plateau-Mont-Royal", "Plateau-Mont-Royal"),
            ("Mile End", "Mile End"),
            ("Milton-Parc", "Milton-Parc"),
        ),
        ("Mont-Royal", "Laurier", "Sherbrooke"),
    ),
    "Le Sud-Ouest": Place(
        78_000,
        (
            ("rue Notre-Dame Ouest", 2000, 5000),
            ("rue du Centre", 1800, 2700),
            ("rue Wellington", 1600, 2300),
            ("boulevard Monk", 6000, 6900),
            ("rue Saint-Jacques", 3000, 5000),
            ("rue Charlevoix", 500, 1000),
            ("rue du Couvent", 4000, 4400),
        ),
        (
            ("Saint-Henri", "Saint-Henri"),
            ("Pointe-Saint-Charles", "Pointe-Saint-Charles"),
            ("Petite-Bourgogne", "Little Burgundy"),
            ("Ville-Émard", "Ville-Émard"),
            ("Côte-Saint-Paul", "Côte-Saint-Paul"),
        ),
        ("Lionel-Groulx", "Place-Saint-Henri", "Charlevoix", "Georges-Vanier", "Monk", "Jolicoeur"),
    ),
    "Mercier-Hochelaga-Maisonneuve": Place(
        136_000,
        (
            ("rue Ontario Est", 3000, 5500),
            ("rue Sainte-Catherine Est", 3000, 6000),
            ("rue Hochelaga", 2500, 10000),
            ("rue Sherbrooke Est", 3000, 9000),
            ("rue Notre-Dame Est", 3000, 10000),
            ("rue Viau", 1000, 3000),
            ("rue de Cadillac", 2000, 3000),
            ("rue Dickson", 2000, 3000),
            ("rue Desjardins", 1500, 2900),
        ),
        (
            ("Hochelaga", "Hochelaga"),
            ("Maisonneuve", "Maisonneuve"),
            ("Mercier-Est", "Mercier-Est"),
            ("Tétreaultville", "Tétreaultville"),
        ),
        ("Préfontaine", "Joliette", "Pie-IX", "Viau", "Assomption", "Cadillac", "Langelier", "Radisson"),
    ),
    "Mont-Royal": Place(
        20_900,
        (("chemin Lucerne", 1000, 2500), ("boulevard Graham", 1000, 2200), ("avenue Roosevelt", 200, 1400)),
        (("Mont-Royal", "Mount Royal"),),
        linked_city=True,
    ),
    "Montréal-Est": Place(
        3_900,
        (
            ("rue Notre-Dame Est", 11000, 11900),
            ("avenue Broadway", 1, 100),
            ("rue Sherbrooke Est", 11000, 11500),
        ),
        (("Montréal-Est", "Montréal-Est"),),
        linked_city=True,
    ),
    "Montréal-Nord": Place(
        84_000,
        (
            ("boulevard Henri-Bourassa Est", 3000, 6000),
            ("boulevard Léger", 3000, 6000),
            ("rue de Charleroi", 3000, 5000),
            ("boulevard Pie-IX", 10000, 12000),
            ("boulevard Saint-Michel", 10000, 11900),
            ("boulevard Langelier", 10000, 12000),
        ),
        (("Montréal-Nord", "Montréal-Nord"),),
    ),
    "Montréal-Ouest": Place(
        5_100,
        (("avenue Westminster Sud", 1, 200), ("rue Sherbrooke Ouest", 7000, 7400)),
        (("Montréal-Ouest", "Montreal West"),),
        linked_city=True,
    ),
    "Outremont": Place(
        24_000,
        (
            ("avenue Laurier Ouest", 100, 1500),
            ("avenue Bernard Ouest", 100, 1500),
            ("avenue Van Horne", 100, 1500),
            ("chemin de la Côte-Sainte-Catherine", 100, 1500),
            ("avenue Ducharme", 600, 900),
        ),
        (("Outremont", "Outremont"),),
        ("Outremont", "Édouard-Montpetit"),
    ),
    "Pierrefonds-Roxboro": Place(
        69_000,
        (
            ("boulevard de Pierrefonds", 4000, 19000),
            ("boulevard Gouin Ouest", 5000, 19000),
            ("boulevard Saint-Jean", 4000, 5000),
            ("boulevard des Sources", 4500, 5000),
        ),
        (("Pierrefonds", "Pierrefonds"), ("Roxboro", "Roxboro")),
    ),
    "Pointe-Claire": Place(
        33_500,
        (
            ("boulevard Saint-Jean", 200, 1500),
            ("chemin du Bord-du-Lac-Lakeshore", 1, 400),
            ("avenue Donegani", 1, 300),
            ("boulevard Hymus", 1, 300),
        ),
        (("Pointe-Claire", "Pointe-Claire"),),
        linked_city=True,
    ),
    "Rivière-des-Prairies-Pointe-aux-Trembles": Place(
        106_000,
        (
            ("boulevard Maurice-Duplessis", 8000, 9400),
            ("boulevard Perras", 8000, 9500),
            ("rue Sherbrooke Est", 12000, 15000),
            ("boulevard Saint-Jean-Baptiste", 1000, 3000),
            ("rue Notre-Dame Est", 11000, 14000),
            ("boulevard Gouin Est", 8000, 12000),
        ),
        (("Rivière-des-Prairies", "Rivière-des-Prairies"), ("Pointe-aux-Trembles", "Pointe-aux-Trembles")),
    ),
    "Rosemont-La Petite-Patrie": Place(
        139_000,
        (
            ("boulevard Rosemont", 100, 4000),
            ("rue Beaubien Est", 100, 5000),
            ("rue Saint-Zotique Est", 100, 5000),
            ("rue Masson", 2300, 3300),
            ("rue Bélanger", 100, 6000),
            ("rue D'Iberville", 5000, 6500),
            ("rue Saint-Hubert", 6000, 7100),
            ("rue de Bellechasse", 100, 3000),
        ),
        (
            ("La Petite-Patrie", "La Petite-Patrie"),
            ("Vieux-Rosemont", "Old Rosemont"),
            ("Rosemont", "Rosemont"),
        ),
        ("Rosemont", "Beaubien", "Jean-Talon", "Fabre"),
    ),
    "Saint-Laurent": Place(
        98_800,
        (
            ("boulevard Décarie", 600, 1800),
            ("boulevard de la Côte-Vertu", 1000, 3500),
            ("rue du Collège", 700, 1500),
            ("boulevard Marcel-Laurin", 600, 3000),
            ("boulevard Thimens", 1000, 3000),
            ("rue Grenet", 1000, 3000),
            ("boulevard Cavendish", 1000, 3500),
        ),
        (("Saint-Laurent", "Saint-Laurent"), ("Chameran", "Chameran"), ("Norgate", "Norgate")),
        ("Du Collège", "Côte-Vertu"),
    ),
    "Saint-Léonard": Place(
        78_000,
        (
            ("boulevard Lacordaire", 5000, 8000),
            ("rue Jean-Talon Est", 4000, 8000),
            ("boulevard Langelier", 5000, 8000),
            ("boulevard Robert", 4000, 7000),
            ("rue Jarry Est", 4000, 6500),
            ("boulevard Viau", 5000, 8000),
        ),
        (("Saint-Léonard", "Saint-Léonard"),),
    ),
    "Sainte-Anne-de-Bellevue": Place(
        5_000,
        (("rue Sainte-Anne", 1, 200), ("boulevard des Anciens-Combattants", 20, 300)),
        (("Sainte-Anne-de-Bellevue", "Sainte-Anne-de-Bellevue"),),
        linked_city=True,
    ),
    "Senneville": Place(
        900, (("chemin de Senneville", 1, 300),), (("Senneville", "Senneville"),), linked_city=True
    ),
    "Verdun": Place(
        69_000,
        (
            ("rue Wellington", 3400, 5500),
            ("boulevard LaSalle", 3000, 7000),
            ("rue de Verdun", 3400, 5500),
            ("boulevard Champlain", 3000, 7000),
            ("rue Bannantyne", 3500, 5500),
            ("boulevard de l'Île-des-Sœurs", 1, 300),
        ),
        (
            ("Verdun", "Verdun"),
            ("Wellington-de-l'Église", "Wellington-de-l'Église"),
            ("L'Île-des-Sœurs", "Nuns' Island"),
        ),
        ("Verdun", "De l'Église", "LaSalle", "Jolicoeur"),
    ),
    "Ville-Marie": Place(
        90_000,
        (
            ("rue Sainte-Catherine Est", 100, 2500),
            ("rue Sainte-Catherine Ouest", 100, 2000),
            ("boulevard René-Lévesque Est", 100, 2000),
            ("boulevard René-Lévesque Ouest", 100, 2000),
            ("rue Ontario Est", 100, 2500),
            ("rue Saint-Denis", 1000, 2000),
            ("rue Saint-Antoine Ouest", 100, 1500),
            ("boulevard De Maisonneuve Est", 100, 2000),
            ("rue Saint-Hubert", 1000, 2000),
            ("rue Panet", 1000, 2000),
            ("rue Guy", 1000, 2000),
            ("rue Notre-Dame Ouest", 100, 1500),
        ),
        (
            ("Centre-Sud", "Centre-Sud"),
            ("Quartier chinois", "Chinatown"),
            ("Vieux-Montréal", "Old Montréal"),
            ("Peter-McGill", "Peter-McGill"),
            ("Faubourg Saint-Laurent", "Faubourg Saint-Laurent"),
            ("Sainte-Marie", "Sainte-Marie"),
        ),
        (
            "Berri-UQAM",
            "Saint-Laurent",
            "Place-des-Arts",
            "McGill",
            "Peel",
            "Guy-Concordia",
            "Beaudry",
            "Papineau",
            "Frontenac",
            "Champ-de-Mars",
            "Lucien-L'Allier",
        ),
    ),
    "Villeray-Saint-Michel-Parc-Extension": Place(
        144_000,
        (
            ("rue Jarry Est", 100, 3500),
            ("rue Villeray", 100, 3000),
            ("boulevard Saint-Michel", 7000, 9000),
            ("avenue Papineau", 7000, 8000),
            ("rue Jean-Talon Ouest", 100, 1000),
            ("rue Saint-Hubert", 7000, 8500),
            ("boulevard Crémazie Est", 100, 3000),
            ("avenue Ogilvy", 600, 1000),
            ("avenue Champagneur", 7000, 8000),
        ),
        (("Villeray", "Villeray"), ("Saint-Michel", "Saint-Michel"), ("Parc-Extension", "Park Extension")),
        ("Jarry", "De Castelnau", "Parc", "Saint-Michel", "D'Iberville", "Fabre"),
    ),
    "Westmount": Place(
        19_700,
        (
            ("rue Sherbrooke Ouest", 4000, 5000),
            ("avenue Greene", 1000, 1500),
            ("avenue Victoria", 300, 500),
            ("rue Sainte-Catherine Ouest", 4000, 4900),
        ),
        (("Westmount", "Westmount"),),
        ("Atwater", "Vendôme"),
        linked_city=True,
    ),
}

# Languages spoken beyond French and English, more often in some parts of the island.
LOCAL_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Villeray-Saint-Michel-Parc-Extension": ("ht", "es", "pa", "ur", "bn", "el", "ta", "vi", "ar"),
    "Côte-des-Neiges-Notre-Dame-de-Grâce": ("tl", "vi", "zh", "ar", "es", "ru", "fa", "bn"),
    "Saint-Laurent": ("ar", "zh", "el", "hy", "fa", "es"),
    "Saint-Léonard": ("it", "ar", "ht", "es"),
    "Montréal-Nord": ("ht", "es", "ar"),
    "Ville-Marie": ("zh", "es", "ar", "fa"),
    "Le Plateau-Mont-Royal": ("pt", "es"),
    "Rosemont-La Petite-Patrie": ("es", "vi", "pt", "ar"),
    "Ahuntsic-Cartierville": ("ar", "es", "hy", "ht"),
    "LaSalle": ("it", "zh", "es"),
    "Côte-Saint-Luc": ("ru", "he"),
    "Rivière-des-Prairies-Pointe-aux-Trembles": ("it", "ht", "es"),
    "Mercier-Hochelaga-Maisonneuve": ("es", "ar"),
    "Anjou": ("ar", "ht", "es"),
    "Le Sud-Ouest": ("es", "zh"),
    "Verdun": ("es", "zh"),
    "Pierrefonds-Roxboro": ("ar", "tl", "pa"),
    "Dollard-Des Ormeaux": ("tl", "pa", "ta", "ar"),
}

LANGUAGE_NAMES: dict[str, T] = {
    "fr": ("Français", "French"),
    "en": ("Anglais", "English"),
    "es": ("Espagnol", "Spanish"),
    "ar": ("Arabe", "Arabic"),
    "zh": ("Chinois (mandarin et cantonais)", "Chinese (Mandarin and Cantonese)"),
    "vi": ("Vietnamien", "Vietnamese"),
    "ht": ("Créole haïtien", "Haitian Creole"),
    "pt": ("Portugais", "Portuguese"),
    "it": ("Italien", "Italian"),
    "fa": ("Persan", "Persian"),
    "ta": ("Tamoul", "Tamil"),
    "ru": ("Russe", "Russian"),
    "tl": ("Tagalog", "Tagalog"),
    "pa": ("Pendjabi", "Punjabi"),
    "ur": ("Ourdou", "Urdu"),
    "bn": ("Bengali", "Bengali"),
    "el": ("Grec", "Greek"),
    "hy": ("Arménien", "Armenian"),
    "he": ("Hébreu", "Hebrew"),
    "iu": ("Inuktitut", "Inuktitut"),
    "cr": ("Cri", "Cree"),
    "sw": ("Swahili", "Swahili"),
    "uk": ("Ukrainien", "Ukrainian"),
}
