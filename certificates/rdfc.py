"""RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, for the eddsa-rdfc-2022
cryptosuite: pure, no Django.

PyLD expands the document and canonicalises the dataset. Contexts come only from the pinned
copies in certificates/contexts/ (see its README): the document loader never fetches, and an
unknown context URL is an error, so a document is canonicalised the same way on every machine
and an uploaded file cannot make the server reach the network. Like Digital Bazaar's verifier
in safe mode, a term no context defines is an error, not data silently left unsigned.
"""

import json
import re
from functools import cache
from pathlib import Path

from pyld import jsonld
from pyld.canon import URDNA2015

CONTEXTS_DIR = Path(__file__).with_name("contexts")
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://www.w3.org/ns/cid/v1": "cid-v1.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
}

# RDFC-1.0 writes these characters in literals as escapes; PyLD's N-Quads writer (URDNA2015's
# rules) does not, so a literal holding one would canonicalise differently here and there.
_NOT_CANONICAL = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NOT_CANONICAL |= {"\x7f"}
# Blank-node graphs crafted to be expensive: the N-degree hashing is bounded, as
# rdf-canonize bounds it (its maxWorkFactor).
MAX_DEEP_HASHES = 256
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_IRI_ESCAPED = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class CanonicalizationError(ValueError):
    """The document cannot be canonicalised here (unknown context, undefined term, ...)."""


@cache
def _pinned(url: str) -> dict:
    return json.loads((CONTEXTS_DIR / CONTEXT_FILES[url]).read_text(encoding="utf-8"))


def pinned_contexts() -> dict[str, dict]:
    """Every pinned context by its URL."""
    return {url: _pinned(url) for url in CONTEXT_FILES}


def document_loader(extra: dict[str, dict] | None = None):
    """A PyLD document loader over the pinned contexts (and `extra`, for tests): it never
    fetches and raises for any other URL."""

    def load(url, options=None):
        if extra and url in extra:
            document = extra[url]
        elif url in CONTEXT_FILES:
            document = _pinned(url)
        else:
            raise CanonicalizationError(f"no pinned JSON-LD context for {url}")
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load


class _BoundedURDNA2015(URDNA2015):
    def __init__(self):
        super().__init__()
        self._deep_hashes = 0

    def hash_n_degree_quads(self, id_, issuer):
        self._deep_hashes += 1
        if self._deep_hashes > MAX_DEEP_HASHES:
            raise CanonicalizationError("too many blank nodes to canonicalise")
        return super().hash_n_degree_quads(id_, issuer)


def _check_literals(dataset: dict) -> None:
    for triples in dataset.values():
        for triple in triples:
            value = triple["object"]["value"]
            if triple["object"]["type"] == "literal" and _NOT_CANONICAL.intersection(value):
                raise CanonicalizationError("a literal holds a control character")


def _input_leaves(value) -> int:
    """Scalars in the compacted document, its contexts aside."""
    if isinstance(value, dict):
        return sum(_input_leaves(v) for k, v in value.items() if k != "@context")
    if isinstance(value, list):
        return sum(_input_leaves(v) for v in value)
    return 0 if value is None else 1


def _iri(value) -> bool:
    return (
        isinstance(value, str)
        and (value.startswith("_:") or _ABSOLUTE_IRI.match(value) is not None)
        and not _IRI_ESCAPED.search(value)
    )


def _expanded_leaves(value) -> int:
    """Scalars in the expanded document; raises for an identifier that is not an absolute IRI."""
    if isinstance(value, list):
        return sum(_expanded_leaves(v) for v in value)
    if not isinstance(value, dict):
        return 0
    if "@value" in value:
        return 1
    count = 0
    for key, item in value.items():
        if key == "@id":
            if not _iri(item):
                raise CanonicalizationError(f"not an absolute IRI: {item!r}")
            count += 1
        elif key == "@type":
            types = item if isinstance(item, list) else [item]
            if not all(_iri(t) for t in types):
                raise CanonicalizationError(f"a type no context defines: {item!r}")
            count += len(types)
        else:
            count += _expanded_leaves(item)
    return count


def canonicalize(document: dict, *, extra_contexts: dict[str, dict] | None = None) -> str:
    """The document's canonical N-Quads (RDFC-1.0), from the pinned contexts only.

    Raises CanonicalizationError when a context is not pinned, or when expansion would drop
    data (a term no context defines, a relative IRI): what is dropped would not be signed.
    """
    options = {"documentLoader": document_loader(extra_contexts), "base": None}
    try:
        expanded = jsonld.expand(document, options)
        kept = _expanded_leaves(expanded)
        if kept != _input_leaves(document):
            raise CanonicalizationError("JSON-LD expansion drops terms no context defines")
        dataset = jsonld.to_rdf(expanded, {"base": None})
    except CanonicalizationError:
        raise
    except (jsonld.JsonLdError, TypeError, ValueError, KeyError, RecursionError) as exc:
        raise CanonicalizationError(str(exc)) from exc
    _check_literals(dataset)
    return _BoundedURDNA2015().main(dataset, {"format": "application/n-quads"})
