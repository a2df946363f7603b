"""A Milvus backend for QABot: the same answers from a Milvus collection (BM25 Function).

Here, under `indexing`, because it is what `indexing.engine.Engine` is — a SearchBackend
(`indexing.backend`): it builds and reads an index and hands QABot the corpus index and
retrievers; the layers above (answering, bot, shells) do not change. Modules: `client`
(connection, errors, embedded Milvus Lite), `schema` (collections, filters), `sync`
(incremental writes), `stored` (reading an index back), `engine` (MilvusEngine and its
retriever). pymilvus is imported only on connecting (the `milvus` extra).
"""
