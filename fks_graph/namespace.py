"""The fks-graph ontology namespace as an rdflib ``DefinedNamespace``."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["FKS", "FKS_NAMESPACE"]

FKS_NAMESPACE = "https://w3id.org/fks-graph/ontology#"


class FKS(DefinedNamespace):
    """Terms of ``ontology/fks.ttl``; a term not defined there raises ``AttributeError``.

    Kept in sync with the ontology file by ``tests/test_namespace.py``.

    Examples
    --------
    >>> FKS.AwardConferral
    rdflib.term.URIRef('https://w3id.org/fks-graph/ontology#AwardConferral')
    >>> FKS.Acter
    Traceback (most recent call last):
    ...
    AttributeError: term 'Acter' not in namespace 'https://w3id.org/fks-graph/ontology#'
    """

    _fail = True
    _NS = Namespace(FKS_NAMESPACE)

    # classes
    AwardConferral: URIRef  # a network receives a prize in a year, possibly at an event
    Prize: URIRef  # a prize awarded to networks
    Region: URIRef  # the area a network works in
    Land: URIRef  # one of the 16 German Länder
    ActorType: URIRef  # kind of actor (SKOS concept)
    ActionField: URIRef  # one of the five paths of the 2011 federal concept
    TargetGroup: URIRef  # group of people a network or project is aimed at
    RegionType: URIRef  # region type of the Innovationsbüro study

    # properties
    land: URIRef  # the Land of a network or actor (sub-property of dct:spatial)
    region: URIRef  # the region of a network (sub-property of dct:spatial)
    regionType: URIRef  # the type of a region
    city: URIRef  # place name of an actor, as given
    legalForm: URIRef  # legal form of a network, as given
    actionField: URIRef  # action field of a network or project
    targetGroup: URIRef  # target group of a network or project
    theme: URIRef  # free-text action field or target group matching no concept
    awardee: URIRef  # the network that received the prize
    prize: URIRef  # the prize conferred
    awardYear: URIRef  # the year the prize was conferred for
    atEvent: URIRef  # the event at which the prize was conferred
    agsCode: URIRef  # AGS state prefix of a Land
    nutsCode: URIRef  # NUTS-1 code of a Land
    synthetic: URIRef  # true for generated datasets
    parameters: URIRef  # parameters of an activity, as text
    sourceFile: URIRef  # name of a file or sheet of an input dataset

    # concept schemes
    ActorTypes: URIRef
    Roles: URIRef
    ActionFields: URIRef
    TargetGroups: URIRef
    RegionTypes: URIRef
    Laender: URIRef
