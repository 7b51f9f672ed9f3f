"""Every weight of the matcher's soft factors, named, in one place (the README explains them)."""

from __future__ import annotations

# Category specificity: how closely the service's tags fit the need.
CATEGORY_EXACT = 30.0  # tagged with exactly the code asked for
CATEGORY_CHILD_OF_FAMILY_NEED = 25.0  # the need is a family; the service is tagged with one of its children
CATEGORY_FAMILY_ONLY = 15.0  # the need is a child; the service is only tagged with the family

# Distance: points decay with distance (half-life in km); remote services get a fixed share.
DISTANCE_MAX = 25.0
DISTANCE_HALF_LIFE_KM = 3.0
REMOTE_POINTS = 10.0

# Language.
FIRST_LANGUAGE = 15.0  # the client's first language is spoken
OTHER_LANGUAGE = 8.0  # another language the client speaks is spoken
INTERPRETATION = 5.0  # interpretation is offered (when no language of the client is spoken)

# Urgency (needs marked crisis or high).
OPEN_NOW_URGENT = 15.0
WALK_IN_URGENT = 8.0
ALWAYS_OPEN_CRISIS = 10.0

# Documents the service asks for that the client lacks: a penalty per document, never an exclusion.
MISSING_DOCUMENT = -6.0

# Freshness ("freshness"): how recently the listing was verified (by the agency, Carrefour staff or its
# source), else last updated by an import: FRESHNESS points on the day, halving every
# FRESHNESS_HALF_LIFE_DAYS;
# a listing no one verified (only its import's date) gets FRESHNESS_IMPORTED_SHARE of that. A listing not
# verified within VERIFIED_WITHIN_DAYS also gets a warning.
FRESHNESS = 5.0
FRESHNESS_HALF_LIFE_DAYS = 180
FRESHNESS_IMPORTED_SHARE = 0.5
VERIFIED_WITHIN_DAYS = 365

# Cost.
FREE = 5.0
NOTE_MATCH = 10.0  # the need's note words are found in the service's text

# Unknown facts the constraints ask about: kept, with fewer points.
HOURS_UNKNOWN = -5.0
COST_UNKNOWN = -5.0

# Diversity: at most this many suggestions per organization while others qualify.
PER_ORGANIZATION = 2

# Candidates asked of the search service per need (generously wide, then filtered by the hard rules).
CANDIDATES_PER_NEED = 150
# Candidates are first looked for this near the client (km), wider when too few are found; None: anywhere.
CANDIDATE_RADII_KM: tuple[float | None, ...] = (2.0, 5.0, 12.0, 30.0, None)
# While fewer than the profile's `limit` candidates are eligible, the next pages of candidates by distance are
# read, up to this many pages in all (a bound on the work a strict profile asks for).
CANDIDATE_PAGES = 6
