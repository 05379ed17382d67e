"""How the page draws each type and community: the one table the page's legend, nodes and script share."""

from __future__ import annotations

#: Colour-blind-safe (Okabe-Ito) colours and a shape per type, so type still reads when colour shows
#: communities instead.
TYPES = {
    "person": {"name": "Person", "color": "#D55E00", "shape": "dot"},
    "group": {"name": "Group", "color": "#0072B2", "shape": "diamond"},
    "place": {"name": "Place", "color": "#009E73", "shape": "triangle"},
    "number": {"name": "Number", "color": "#CC79A7", "shape": "square"},
}
OTHER_TYPE = {"name": "Other", "color": "#8C8C8C", "shape": "dot"}
#: Community colours (Tableau 10 plus two); smaller communities beyond these are grey.
COMMUNITY_COLORS = (
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
    "#17BECF",
    "#BCBD22",
)
#: Neighbours drawn when an analyst opens a node's neighbourhood (the page lets them change it).
NEIGHBOURS = 10
