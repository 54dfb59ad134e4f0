"""Relevance features of calls and needs, as arrays the batch engine multiplies.

- calls: BM25 weights per term over title, summary and text (field-weighted term
  frequencies, BM25F style), need-area tags from ``config/taxonomy.yaml`` signal words and
  support-kind tags from the funding vocabulary of ``config/matching.yaml``, and its
  openness (1 − its strongest area tag in title and summary: a call naming no topic);
- needs: topic terms (the need's text less the funding vocabulary; the profile's keywords
  form one more query), the need's area, and the kinds of support it asks for (its own
  whole words, else its area).

A phrase of several words (a signal word like "digital tvilling") counts where all its
terms occur in the same field.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from hubb import clock
from hubb.profiles import Profile
from hubb.record import CallRecord
from hubb.taxonomy import Taxonomy
from matcher.config import MatchingConfig
from matcher.text import Analyzer, tokens

FIELDS = ("title", "summary", "text")


@dataclass
class AnalysedCall:
    """One call's terms per field."""

    fields: dict[str, list[str]]

    def counter(self, weights: dict[str, float]) -> tuple[dict[str, float], float]:
        tf: dict[str, float] = defaultdict(float)  # field-weighted term frequencies
        length = 0.0
        for name, terms in self.fields.items():
            w = weights[name]
            length += w * len(terms)
            for t in terms:
                tf[t] += w
        return tf, length

    def term_set(self) -> set[str]:
        out: set[str] = set()
        for terms in self.fields.values():
            out.update(terms)
        return out


def analyse_call(analyzer: Analyzer, record: CallRecord) -> AnalysedCall:
    lang = record.language
    return AnalysedCall({
        "title": analyzer.terms(record.title, lang),
        "summary": analyzer.terms(record.summary, lang),
        "text": analyzer.terms(record.text, lang),
    })


def phrase_table(analyzer: Analyzer, groups: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Signal phrases of each group (area or kind) as term tuples, in both languages' stemming."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for key, words in groups.items():
        seen: dict[tuple[str, ...], None] = {}
        for word in words:
            for lang in ("sv", "en"):
                # each word by its full stem: a signal compound ("investeringsstöd") must
                # not also count as its parts ("stöd"); the call side carries the parts
                terms = tuple(dict.fromkeys(
                    analyzer.word_terms(tok, lang)[0] for tok in tokens(word)))
                if terms:
                    seen[terms] = None
        table[key] = list(seen)
    return table


def kind_vocabulary(analyzer: Analyzer, cfg: MatchingConfig) -> set[str]:
    """Full-word stems (both languages) of the support-kind words: the funding vocabulary."""
    out: set[str] = set()
    for kind in cfg.support_kinds.values():
        for word in kind.words:
            for lang in ("sv", "en"):
                out.update(analyzer.word_terms(tok, lang)[0] for tok in tokens(word))
    return out


def tag_strength(call: AnalysedCall, phrases: list[tuple[str, ...]], field_weights: dict[str, float],
                 saturation: float, sets: dict[str, set[str]] | None = None) -> float:
    """0–1 strength of a group's signal phrases in a call.

    Each distinct phrase counts once per field (weighted by the field): a call that says
    "robot" forty times is not forty times about robots.
    """
    sets = sets if sets is not None else {name: set(terms) for name, terms in call.fields.items()}
    singles = {p[0] for p in phrases if len(p) == 1}
    multi = [p for p in phrases if len(p) > 1]
    hits = 0.0
    for name, present in sets.items():
        n = len(singles & present) + sum(1 for p in multi if all(t in present for t in p))
        hits += field_weights[name] * n
    return 1.0 - math.exp(-hits / saturation)


class CallIndex:
    """BM25 statistics, area tags and kind tags of a batch of calls."""

    def __init__(self, analyzer: Analyzer, records: list[CallRecord], taxonomy: Taxonomy,
                 cfg: MatchingConfig):
        self.records = records
        self.cfg = cfg
        self.analyzer = analyzer
        fw = cfg.fields.model_dump()
        self.field_weights = fw
        self.calls = [analyse_call(analyzer, r) for r in records]
        self.areas = taxonomy.keys()
        self.kinds = cfg.kinds
        self.area_phrases = phrase_table(analyzer, {k: taxonomy[k].words for k in self.areas})
        self.kind_phrases = phrase_table(analyzer, {k: v.words for k, v in cfg.support_kinds.items()})
        C = len(records)
        self.area = np.zeros((C, len(self.areas)), dtype=np.float32)
        self.kind = np.zeros((C, len(self.kinds)), dtype=np.float32)
        self.sectors = list(cfg.sectors)
        self.sector_phrases = phrase_table(analyzer, {k: v.words for k, v in cfg.sectors.items()})
        self.sector = np.zeros((C, len(self.sectors)), dtype=np.float32)
        sw = cfg.sector_fields.model_dump()
        self.tf: list[dict[str, float]] = []
        lengths = np.zeros(C)
        df: Counter = Counter()
        tw = cfg.tag_fields.model_dump()
        # what a call names as its subject (title and summary): a call that names no
        # particular topic is open to any project of its kind
        hw = {**tw, "text": 0.0}
        subject_areas = [a for a, key in enumerate(self.areas) if key not in cfg.kind_areas]
        self.openness = np.ones(C, dtype=np.float32)
        # areas each call names as its subject (title and summary), kind areas left out
        self.subject = np.zeros((C, len(self.areas)), dtype=np.float32)
        for i, call in enumerate(self.calls):
            tf, length = call.counter(fw)
            self.tf.append(tf)
            lengths[i] = length
            df.update(tf.keys())
            sets = {name: set(terms) for name, terms in call.fields.items()}
            for a, key in enumerate(self.areas):
                self.area[i, a] = tag_strength(call, self.area_phrases[key], tw, cfg.area_saturation, sets)
            for k, key in enumerate(self.kinds):
                self.kind[i, k] = tag_strength(call, self.kind_phrases[key], tw, cfg.kind_saturation, sets)
            for a in subject_areas:
                self.subject[i, a] = tag_strength(call, self.area_phrases[self.areas[a]], hw,
                                                  cfg.area_saturation, sets)
            if subject_areas:
                self.openness[i] = 1.0 - self.subject[i].max()
            for k, key in enumerate(self.sectors):
                self.sector[i, k] = tag_strength(call, self.sector_phrases[key], sw, cfg.sector_saturation, sets)
        # focus: a call tagged with every area is about none in particular, so each area's
        # tag is scaled by its share of the call's strongest tag
        if C:
            top = self.area.max(axis=1, keepdims=True)
            share = np.divide(self.area, top, out=np.zeros_like(self.area), where=top > 0)
            self.area = self.area * np.sqrt(share) if cfg.area_focus else self.area
        self.df = df
        self.lengths = lengths
        self.avgdl = float(lengths.mean()) if C else 1.0
        self.n = C
        self._postings = self._build_postings()

    def _build_postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """term → (call indices, BM25 weights): computed once, gathered per chunk of profiles."""
        k1, b = self.cfg.bm25.k1, self.cfg.bm25.b
        idx: dict[str, list[int]] = {}
        val: dict[str, list[float]] = {}
        idf = {t: self.idf(t) for t in self.df}
        for i, tf in enumerate(self.tf):
            norm = k1 * (1 - b + b * self.lengths[i] / self.avgdl)
            for term, f in tf.items():
                idx.setdefault(term, []).append(i)
                val.setdefault(term, []).append(idf[term] * f * (k1 + 1) / (f + norm))
        return {t: (np.asarray(idx[t], dtype=np.int64), np.asarray(val[t], dtype=np.float32)) for t in idx}

    def idf(self, term: str) -> float:
        d = self.df.get(term, 0)
        return math.log(1.0 + (self.n - d + 0.5) / (d + 0.5))

    def weight_matrix(self, vocab: dict[str, int]) -> np.ndarray:
        """BM25 term weights, terms of ``vocab`` × calls (float32)."""
        W = np.zeros((len(vocab), self.n), dtype=np.float32)
        for term, row in vocab.items():
            posting = self._postings.get(term)
            if posting is not None:
                W[row, posting[0]] = posting[1]
        return W


@dataclass
class NeedQuery:
    """One query row: a need of a profile, or the profile's keywords (``need`` = -1)."""

    profile: int
    need: int
    terms: list[str]
    area: int          # index into the taxonomy's areas, -1 for keywords
    priority: float
    kinds: np.ndarray  # what the need asks for, per support kind, 0–1


class NeedAnalyser:
    """Query terms and asked-for kinds of need texts; the kind vocabulary is prepared once."""

    def __init__(self, analyzer: Analyzer, taxonomy: Taxonomy, cfg: MatchingConfig):
        self.analyzer = analyzer
        self.cfg = cfg
        self.areas = taxonomy.keys()
        self.kinds = cfg.kinds
        phrases = phrase_table(analyzer, {k: v.words for k, v in cfg.need_kinds.items()})
        # funding vocabulary ("investering", "forskning", "check") says what KIND of support
        # a need asks for; the kind component scores it, so the topic query leaves it out
        self.kind_terms = kind_vocabulary(analyzer, cfg) if cfg.topic_without_kind_words else set()
        self.singles = {k: {p[0] for p in ph if len(p) == 1} for k, ph in phrases.items()}
        self.multi = {k: [p for p in ph if len(p) > 1] for k, ph in phrases.items()}
        self.defaults = {
            area: np.array([cfg.area_kinds.get(area, {}).get(k, 0.0) for k in self.kinds], dtype=np.float32)
            for area in self.areas
        }
        self._zero = np.zeros(len(self.kinds), dtype=np.float32)

    def need(self, text: str, area: str) -> tuple[list[str], np.ndarray]:
        words = tokens(text)
        per_word = [self.analyzer.word_terms(tok, "sv") for tok in words]
        terms = [t for word_terms in per_word for t in word_terms]
        # what a need asks for is read from its whole words, never from compound parts:
        # "leverantörskedjor" (a logistics word) is not "leverantörer" (an R&D partner)
        present = {word_terms[0] for word_terms in per_word}
        asks = self.defaults.get(area, self._zero).copy()
        for k, key in enumerate(self.kinds):
            if self.singles.get(key, set()) & present or any(
                all(t in present for t in p) for p in self.multi.get(key, ())
            ):
                asks[k] = 1.0
        topic = [t for t in dict.fromkeys(terms) if t not in self.kind_terms]
        return topic, asks

    def queries(self, profiles: list[Profile], as_of: date | None = None) -> list[NeedQuery]:
        """The need rows of each profile, then its keywords row; ``as_of`` (default today)
        decides which companies are start-ups."""
        rows: list[NeedQuery] = []
        young = self._startups(profiles, as_of or clock.today())
        for p_i, profile in enumerate(profiles):
            for n_i, need in enumerate(profile.needs):
                terms, asks = self.need(need.text, need.area)
                if young[p_i]:
                    # a start-up's every development need is what start-up support is for
                    asks[self.kinds.index("startup")] = 1.0
                rows.append(NeedQuery(p_i, n_i, terms,
                                      self.areas.index(need.area) if need.area in self.areas else -1,
                                      self.cfg.priority_weights[need.priority], asks))
            kw_terms: list[str] = []
            for word in profile.keywords:
                kw_terms.extend(self.analyzer.phrase_terms(word, "sv"))
            rows.append(NeedQuery(p_i, -1, list(dict.fromkeys(kw_terms)), -1, 1.0, self._zero))
        return rows


    def _startups(self, profiles: list[Profile], as_of: date) -> list[bool]:
        """Per profile: a start-up — founded at most ``startup_max_age_years`` before ``as_of``
        (the age the eligibility rules use) — when the configuration has a start-up kind."""
        if "startup" not in self.kinds:
            return [False] * len(profiles)
        from matcher.eligibility import company_age

        limit = self.cfg.startup_max_age_years
        return [(age := company_age(p, as_of)) is not None and age <= limit for p in profiles]


def need_queries(analyzer: Analyzer, profiles: list[Profile], taxonomy: Taxonomy,
                 cfg: MatchingConfig) -> list[NeedQuery]:
    return NeedAnalyser(analyzer, taxonomy, cfg).queries(profiles)


def profile_sectors(profiles: list[Profile], cfg: MatchingConfig) -> np.ndarray:
    """profiles × sectors: 1 where one of the profile's SNI divisions is in the sector."""
    from hubb.sni import division

    out = np.zeros((len(profiles), len(cfg.sectors)), dtype=np.float32)
    for p, profile in enumerate(profiles):
        divisions = {division(code) for code in profile.sni}
        for s, sector in enumerate(cfg.sectors.values()):
            out[p, s] = bool(divisions & set(sector.sni))
    return out


def fit_matrix(cfg: MatchingConfig) -> np.ndarray:
    """How well each call kind (columns) serves each need kind (rows)."""
    kinds = cfg.kinds
    F = np.zeros((len(kinds), len(kinds)), dtype=np.float32)
    for j, need_kind in enumerate(kinds):
        F[j, j] = 1.0
        for call_kind, value in cfg.kind_fit.get(need_kind, {}).items():
            F[j, kinds.index(call_kind)] = value
    if "iuc_offer" in kinds:
        F[:, kinds.index("iuc_offer")] = np.maximum(F[:, kinds.index("iuc_offer")], cfg.iuc_offer_fit)
    return F
