"""The three collections of one qa_bot index in Milvus, and the filters over them.

NAME holds the passages: where each one is (source, section, start, end, lead span), its
label key, and `search_text`, its analysed terms (qa_bot's analyzer over its indexed text)
which a BM25 Function turns into the sparse vector Milvus ranks by. The Milvus analyzer
is a bare whitespace tokenizer, so Milvus sees exactly the terms the in-process BM25
counts (no second stemming). NAME_docs holds the documents' text in chunks (answers
quote it: no local files needed), NAME_stats the corpus statistics query understanding
needs (aliases, speller words, document frequencies, named terms), as JSON chunks.
"""

from __future__ import annotations

from typing import Any

from qa_bot.indexing.milvus.client import LOAD_TIMEOUT, Client, require
from qa_bot.retrieval.bm25 import K1, B

DOCS, STATS = "_docs", "_stats"  # suffixes of the side collections
CHUNK_CHARS = 16_383  # a VARCHAR chunk: <= 65,535 bytes even at 4 UTF-8 bytes a character
SOURCE_BYTES = 4096
TEXT_BYTES = 65_535  # Standalone counts VARCHAR max_length in bytes (Lite: in characters)
ANALYZER: dict[str, Any] = {"tokenizer": "whitespace"}
PASSAGE_FIELDS = ["pid", "source", "section", "start", "end", "lead_start", "lead_end", "label"]
_DUMMY = "vec"  # Standalone 2.5 wants a vector field in every collection


def side(collection: str, suffix: str) -> str:
    return collection + suffix


def ensure(client: Client, collection: str) -> None:
    """Create the three collections when missing, and load them (slow when cold): once
    after connecting, before writing."""
    for name in (collection, side(collection, DOCS), side(collection, STATS)):
        if not client.call("has_collection", name):
            schema, index = _schema(name, collection)
            client.call(
                "create_collection",
                name,
                schema=schema,
                index_params=index,
                consistency_level="Strong",  # reads after writes, also from other processes
            )
        load(client, name)


def load(client: Client, name: str) -> None:
    """Load a collection into the engine's memory (after an engine start it is not)."""
    client.call("load_collection", name, timeout=max(client.timeout, LOAD_TIMEOUT))


def exists(client: Client, collection: str) -> bool:
    names = (collection, side(collection, DOCS), side(collection, STATS))
    return all(client.call("has_collection", name) for name in names)


def _schema(name: str, collection: str) -> tuple[Any, Any]:
    milvus = require("pymilvus")
    types, mc = milvus.DataType, milvus.MilvusClient
    schema, index = mc.create_schema(auto_id=False), mc.prepare_index_params()
    schema.add_field("id", types.INT64, is_primary=True)
    schema.add_field("source", types.VARCHAR, max_length=SOURCE_BYTES)
    if name == collection:
        schema.add_field("pid", types.VARCHAR, max_length=64)
        schema.add_field("section", types.VARCHAR, max_length=TEXT_BYTES)
        for field in ("start", "end", "lead_start", "lead_end", "label"):
            schema.add_field(field, types.INT64)
        schema.add_field(
            "search_text",
            types.VARCHAR,
            max_length=TEXT_BYTES,
            enable_analyzer=True,
            analyzer_params=ANALYZER,
        )
        schema.add_field("sparse", types.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            milvus.Function(
                name="bm25",
                function_type=milvus.FunctionType.BM25,
                input_field_names=["search_text"],
                output_field_names=["sparse"],
            )
        )
        index.add_index(
            field_name="sparse",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"bm25_k1": K1, "bm25_b": B},  # the in-process BM25's parameters
        )
        return schema, index
    schema.add_field("source_hash", types.VARCHAR, max_length=128)
    schema.add_field("meta", types.VARCHAR, max_length=TEXT_BYTES)  # JSON: title, format…
    for field in ("chunk_no", "n_chunks"):
        schema.add_field(field, types.INT64)
    schema.add_field("text", types.VARCHAR, max_length=TEXT_BYTES)
    schema.add_field(_DUMMY, types.FLOAT_VECTOR, dim=2)
    index.add_index(field_name=_DUMMY, index_type="FLAT", metric_type="L2")
    return schema, index


def chunk_rows(
    key: int, source: str, source_hash: str, meta: str, text: str
) -> list[dict[str, Any]]:
    """A text as rows of at most CHUNK_CHARS characters (ids key*1024 + chunk number)."""
    parts = [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)] or [""]
    if len(parts) >= 1024:
        raise ValueError(f"{source}: text too long for Milvus chunks ({len(text)} characters)")
    return [
        {
            "id": key * 1024 + number,
            "source": source,
            "source_hash": source_hash,
            "meta": meta if number == 0 else "",
            "chunk_no": number,
            "n_chunks": len(parts),
            "text": part,
            _DUMMY: [0.0, 0.0],
        }
        for number, part in enumerate(parts)
    ]


def quote(value: str) -> str:
    """A Milvus filter string literal (2.5.1 decodes no \\n escape: line breaks refused)."""
    if "\n" in value or "\r" in value:
        raise ValueError(f"Milvus filter strings cannot hold line breaks: {value!r}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def prefix_filter(prefix: str | None) -> str:
    """A filter keeping the passages whose source starts with `prefix` ("" for none)."""
    if not prefix:
        return ""
    if not any(c in prefix for c in "%_\\"):
        return f"source like {quote(prefix + '%')}"
    # 2.5.1's `like` has no working escape (a backslash matches nothing), so the range
    # [prefix, successor): code-point order is UTF-8 byte order, which Milvus compares
    head = prefix.rstrip(chr(0x10FFFF))
    following = ord(head[-1]) + 1 if head else 0xE000
    upper = head[:-1] + chr(0xE000 if following == 0xD800 else following)
    return f"source >= {quote(prefix)}" + (f" and source < {quote(upper)}" if head else "")
