"""Disputes and event co-reference measured on the project's labelled dev sets (issue 16.7, 16.1).

    .venv/bin/python bench/quality_disputes.py [--shared ../shared] [--write] [--why] [--store DIR]
    .venv/bin/python bench/quality_disputes.py --labels bench/data/disputes_train.yaml --why  # develop here

* Disputes: the documents of bench/data/disputes_dev.yaml (FNC-1 train bodies, PolNeAR dev texts;
  hand-labelled before any run) go through `claimgraph run` into a temporary store; the disputes
  `claimgraph disputes --json` lists are read back. A labelled dispute is found when one listed
  dispute carries values from two of its sides with different positions (a value belongs to a side
  when it comes from the side's document and its sentence holds at least half of the side's words).
  Reported: recall of the labelled disputes, and precision of the top 10 listed (a listed dispute
  is right when it is one of the labelled ones: disputes the labels miss count as wrong, so this is
  a lower bound).
* Event co-reference: pairwise precision, recall and F1 on the dev pairs of
  bench/data/coref_pairs.yaml (synthetic reports; the split rule is in its header), train shown
  beside it (the thresholds were chosen on train); and on real coverage, the source headlines of
  the UCDP Pakistan dev events (bench/quality_coref_real.py developed on half of them: its train split).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import yaml
from docs_section import write_section

from claimgraph.runner import run
from claimgraph.store import Store
from claimgraph_eval.coref import score_pairs, score_ucdp

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "bench" / "data" / "disputes_dev.yaml"
SECTION = "## Disputes and event co-reference"
_WORD = re.compile(r"\w+")


# What decides, and why the labelled disputes still missed are missed (counted on the dev set's misses,
# never used to write a rule): kept beside the figures it explains.
DISPUTES_NOTE = [
    "2026-12-07 session 12, engineer determ (issue 16: the same input must give the same disputes wherever the "
    "store lives). Document ids hash the file's path and claim ids the document's id, so whatever was ordered or "
    "de-duplicated by id depended on the folder's name. Found and mended (commits 053e014, 3d69b8c, 9061e27 and "
    "the `sorted(near)` of `_across`, branch determ): (1) `values._distinct` keyed figures by event, measure, "
    "group and interval, not by document: counts tied to no event (event_id None: undated reports, arrests) of "
    "two reports with one key were one figure, the first by document id kept, so a report's count vanished in "
    "one folder and not in another (the lead's `arrested: Bakr`, fnc1-body-1468 against fnc1-body-2337, listed "
    "in one of two stores); also strengths of two sources giving the same number; (2) the store's candidate rows "
    "(figures `in_context`, dispute events, claims, cluster documents) came in document-id order, the polar "
    "candidates' ties and the kept members' (`ClaimVectors.polar_candidates`) in claim-id order: now ingest then "
    "text order (`d.ingest_seq`, `seq`); (3) the listing's ties went by dispute id (a hash of a cluster's or "
    "proposition's id): now by values, kind, label, measure, group; (4) a claims dispute's members, anchor ties "
    "among copies of one sentence, and a dispute's stored values were ordered by claim id: now by text, source, "
    "title and offset. `tests/link/test_dispute_determinism.py` runs three reports from two folder names chosen "
    "so their ids sort both ways, one run in a subprocess with PYTHONHASHSEED 123, and asserts the same disputes "
    "(without ids); on main it fails (the border arrests dispute is missing in one folder). This set, fast "
    "default mode: the lead's two main stores differ only by `arrested: Bakr` (72 / 73 listed, both 0.279 "
    "(12/43) / 0.700 read in this workspace); after, **/tmp/determ-disp-A (PYTHONHASHSEED 0) and "
    "/tmp/determ-disp-B (123), again -A2 / -B2 after the last fix and -A3 / -B3 with main merged in (1ea205d; "
    "main has mended (1) the same way meanwhile): "
    "0.279 (12/43) / 0.700, 73 listed, identical listings** (content and order, ids "
    "aside), `arrested: Bakr` in both; against main's 73 only two equal-score McDonald's claims disputes swap "
    "places. The 0.302 / 0.800 read in another workspace was not reproduced here from either of the lead's "
    "stores (the same JSON scores 0.279 / 0.700 with main's bench too): that gap is not the store's folder. "
    "Left: proposition assignment's ties among stored centroids go by proposition id (exact float ties only), "
    "cluster and proposition ids themselves still hash paths (ids only).",
    "",
    "2026-12-07 session 12, engineer dtrain (issue 16.7: a TRAIN side for this set). "
    "`bench/data/disputes_train.yaml`: 40 disputes over 23 stories (19 FNC-1 train story groups sharing "
    "no body with this set: Iguala graves, the Brown shooting audio, Ebola in Mosul, Jordan's king, the "
    "Saqlawiyah siege, the Parliament Hill shooting, the Kobani airdrop, the White House intruder, Kim "
    "Jong-un's absence, Foley, Mueller, death hoaxes, viral stories; 4 PolNeAR train stories: Benghazi's "
    "stand-down order and what Clinton told a victim's mother, Carson's West Point story, Trump "
    "University), 19 figures, 14 facts, 7 claims, labelled before any run; `bench/quality_disputes.py "
    "--labels bench/data/disputes_train.yaml --why --store DIR` scores it (train misses may be read). "
    "Train before, by stage: not grouped 14 (ages, counts of things, distances and money no figure "
    "measure reads; undated counts sharing no name), below match_similarity 11, never opposed 3, above it "
    "not joined 2, no value 1, no claim 1, grouped not listed 1; its top 10 held claims disputes mixing "
    "stories ('One of the soldiers later died' with claims of four stories in three countries). Two "
    "general causes mended, each with a test on reports written for it: (1) a document's story countries "
    "are its events' and the countries its entity mentions name at least `story_country_share` 0.5 as "
    "often as its most named one (link/disputes/denials.py `story_countries`, disputes.yaml): every "
    "country named once counted before, so reports naming the United States or Britain in passing ('told "
    "CNN', 'the U.S.-led coalition') were one story and a claim naming no place met look-alike claims of "
    "every story; (2) ages of named people (link/disputes/ages.py, data/models/ages.yaml): two voices "
    "giving one Person mention two ages ('X, 32,', 'a 32-year-old X', 'X (32)', 'X, aged 32') are a "
    "figures dispute, blocked by the name's last word and the report's year, compared only when one "
    "name's words hold the other's (train: 20 age values read, none wrong, one conflict, the labelled "
    "fnc-ottawa-cirillo-age). **Train** (bench default mode, fresh stores): recall 0.175 (7/40) / top-10 "
    "0.100, 127 listed -> (1) 0.175 / 0.100, 123 listed (the top claims disputes now of one story or one "
    "region) -> (1)+(2) **0.200 (8/40) / 0.100, 124 listed**. Top-10 precision stays 0.100 because the "
    "labelled sides are single sentences and most top-10 disputes, now of one story, pair other sentences "
    "of a labelled question (Willie Nelson dead / not dead; the Mosul Ebola reports and denials): a lower "
    "bound, as here. **Dev** (this set, once at the start and once at the end, same command, fresh "
    "stores): 0.279 (12/43) / 0.700, 73 listed -> **0.279 (12/43) / 0.700, 74 listed**, the same 12 found "
    "and the same top 10 (no age dispute on dev). The start's 0.279 / 0.700 is this workspace's reading "
    "of the tree the lead read as 0.302 / 0.800. Left: 'Zehaf-Bibeau, 23' sits in a hedged claim ('was "
    "reportedly born ...', not read), '27-year-old Kim Yo Jong' has no Person mention; counts of things "
    "(bundles, doctors, soldiers besieged), distances and money have no measure; the 11 below "
    "match_similarity are rejections worded apart from what they reject (the largest cause now).",
    "",
    "2026-12-07 session 11, engineer dvals3 (issue 16.2: values a fresh user's Sudan trial missed; own synthetic "
    "stories `bench/data/value_stories.yaml`, 31 scenarios in 16 countries: 15 date, 9 strength, 7 speaker; split "
    "by sha1 of the first article's text, even train / odd dev, 19 / 12; written before any run; "
    "`bench/quality_value_stories.py --split train|dev`, one temporary store per split). Why no date dispute came "
    "out: the values were read, but co-reference split the cluster by the dates themselves (slack 1 day: 'on "
    "Wednesday' / 'on Friday' in one town with one toll were two incidents) and a correction's rejected day dated "
    "the event ('not on Sunday, as reported, but on Friday' read Sunday). (1) Two reports that date the incident "
    "themselves up to `corroborated_days` 2 apart are one incident when one town (or a rare name) and one count "
    "or one named doer link them (events/coref.py `_corroborated`); (2) a date the sentence sets aside ('not on "
    "X', 'X, not Y', \"didn't happen on X\") no longer dates the event when another date is there "
    "(events/slots.py); (3) a count of the speaker's own force ('our forces number 25,000', '12,000 of our "
    "mujahideen', 'we have over 5,000 fighters') takes the speaker's actor as subject (figures/reader.py "
    "`SPEAKER_SUBJECT`, figures/extract.py), mujahideen / guerrillas / militiamen count a strength, 'forces / "
    "army / movement number N' is a strength phrase; (4) unnamed wire copy an outlet relays ('the wire agencies "
    "reported', 'according to agencies', 'news agencies said') is no speaker (claims grammar `relayed_sources`): "
    "the outlet's own report; 'Reuters reported' and 'UN agencies said' keep theirs; (5) one day apart, 'late on "
    "Friday night' and 'the early hours of Saturday' agree (disputes.yaml `late_in_day` / `early_in_day`, the "
    "part of the day read around the date). Train before -> after: date disputes found 3/6 -> 5/6 (false 0/4 -> "
    "0/4), article dates right / wrong / none 16/1/7 -> 21/0/3; strength pairs 1/4 -> 3/4 (wrong 0); relayed "
    "'agencies' no speaker 0/1 -> 1/1, named agencies kept 2/2. **Dev** (once per idea): date disputes 0/4 -> "
    "2/4, false 1/1 -> 0/1 (the night rule), article dates 5/0/6 -> 8/0/3; strength 0/2 -> 2/2 (wrong 0 of 1 "
    "listed not); 'agencies' no speaker 0/4 -> 4/4. Fast mode (`--mode fast`): the same after figures on both "
    "splits (before, train article dates 16/0/8, the rest as accurate). This set: 0.302 / 0.800 unchanged (75 "
    "listed, as main in the same session); coref pairs train 0.778, dev 0.906, UCDP real 0.376 unchanged; "
    "`quality_figure_pairs.py` train F1 0.846, dev 0.625 unchanged; `quality_denials.py` dev P 0.889 R 0.667 "
    "unchanged, `--block` dev P 0.750 R 0.300 (main gives the same today: a merge after cblock, not traced). "
    "Left: a train thread post ('1/ JNIM hit the army post at ..., on Saturday 21 September. 12 soldiers killed') "
    "whose event is read from the second sentence, undated and unplaced; the Houthis' spokesman ('the Houthi "
    "military spokesman': 'Houthi' alone is no alias) has no actor, so his 'our armed forces' has no subject. (6) "
    "a dateline's town in capitals ('EL FASHER, Sudan - Fighters of the RSF attacked ...') was the accurate role "
    "head's doer, a false perpetrator dispute against the RSF: a role span inside the dateline's town is no one's "
    "name, the rule path's doer stands (events/learned_stage.py); `quality_slots.py` identical to main in both "
    "modes (accurate actor1 0.832, actor2 0.664).",
    "",
    "2026-12-07 session 9, engineer drecall (each idea measured once here; rules from general English, FNC-1 TRAIN "
    "bodies outside this set and a fresh user's example-corpus review, each with a test): (1) one voice by the name "
    "the claims stage resolved (a title in apposition, a sentence-initial 'The' or 'She' is no name), questions and "
    "wh-headings take no side, a negation-only denial repeating the affirmation's count does not deny it: 0.279 / "
    "0.700 unchanged, 78 -> 77 listed; (2) the claims stage reads more rejections over the parse (a word false only "
    "of a claim: 'the allegations were unsubstantiated', 'that is incorrect'; refutation participles 'before being "
    "debunked by'; refuted videos and photos): 0.279 / 0.700 unchanged, 77 listed, no `--why` reading changed (the "
    "labelled sides' rejections are not of these forms); (3) a negation under will/would/shall/won't of a first "
    "person or a verb of consent is a pledge or refusal, no denial ('we will not negotiate', 'would not allow'): "
    "0.279 / 0.700, 76 listed (one false claims dispute gone: 'We will not negotiate with anyone' against a "
    "ceasefire report). Its first form, any negation under will/would, gave 0.279 / 0.800 (75 listed: a false poll "
    "dispute fell to rank 14, the labelled Baghdadi kinship facts dispute took rank 10) but took the stance of a "
    "labelled side's denial of a prediction (fnc-nasa-darkness: below match_similarity -> not grouped), so the "
    "narrower rule is kept at 0.700; (4) a spokesman speaks for the body his title names ('X, deputy spokesman of "
    "the Islamic Emirate' and 'The Islamic Emirate' are one voice) and a linked speaker goes by its own words, not "
    "its resolved name ('... of Afghanistan'): 0.279 / 0.700, 76 listed. No labelled dispute found or lost by any. "
    "Tried on the synthetic train stories, not run here: a denial matched by its content with the negation "
    "stripped (alone F1 0.909 -> 0.800 at the threshold chosen on train; the max of both similarities 0.909, no "
    "gain), so the 8 pairs below match_similarity stay. A first run of this session read 0.116 / 0.300: `--store` "
    "pointed at a folder holding an older session's store, which the bench reuses as it is (three fresh runs of "
    "the same tree: 0.279 / 0.700).",
    "",
    "2026-12-07, engineer dvalues2 (each idea measured once here; developed on synthetic train pairs and on 120 "
    "FNC-1 train bodies of 27 stories outside this set): (1) counts no event cluster joins "
    "(link/disputes/unclustered.py: undated reports' and event-less counts, paired by a shared name, two voices, "
    "disjoint intervals and masked-sentence similarity >= figure_similarity 0.625; synthetic "
    "bench/data/figure_pairs.yaml train F1 0.846, dev P 0.833 R 0.500 F1 0.625; on the FNC-1 train bodies one "
    "false pair, 'Four Americans, including X' / 'X and three other Americans', now left out as a part count): "
    "0.279 / 0.700 unchanged, 81 listed (a first version, before the torn-sentence and part-count rules written "
    "from that train pair and general English, listed one false figures dispute at rank 10: 0.279 / 0.600). "
    "`--why` now shows the figures read on each side: of the 5 'not grouped', 3 have no figure of an event "
    "measure on two sides (percentages, counts the figure reader does not take), 2 have killed counts on both "
    "(one pair overlaps). (2) What keeps a pair above match_similarity apart (`--why`): of 5, 2 are one report "
    "without two named speakers, 1 one voice, 2 in one proposition with another claim nearer; none is blocking "
    "by names. Tried, not kept: a report's own (or an unnamed source's) account against a named speaker's "
    "cued rejection as two voices (synthetic bench/data/report_voices.yaml train 0/10 -> 3/10, 0 false): "
    "0.279 -> 0.256 (its in-report edges took fnc-chibok-release's anchor). (3) Tried, not kept (branch "
    "dvalues2-place): the place of a named person's fate (killed / captured / wounded in two countries or "
    "provinces), synthetic fact pairs with 16 place pairs train F1 0.854 -> 0.881, dev 0.783 -> 0.885: "
    "0.279 / 0.700 unchanged, 83 listed (two false place disputes outside the top 10: a place the claim names "
    "that is not where the fate befell).",
    "",
    "2026-12-07, engineer falsity (issue 15.2 / 16.3): a rejection written as a predicate, read over the parse "
    "(claims/status.py `predicate_rejection`; developed on FNC-1 TRAIN-side disagree bodies, `split_by_body`, none of"
    " this set's): the author's own 'reports that X were false', 'the video was doctored', 'turned out to be a hoax' "
    "is denied (negative), a claim as the passive subject of 'was refuted/debunked by' disputed, a claim-noun cue its"
    " own content calls false ('the claim that X is a fabrication') stays its claimant's reported claim, a falsity "
    "word that only describes a thing ('fake ID', 'fake passports') no longer makes a reported denial, a deny verb "
    "whose object names a claim denies; the status head retrained. Recall 0.302 -> 0.302, top-10 precision 0.700 -> "
    "**0.800** (78 -> 77 listed; the rules alone: 75 listed, 0.800); the `--why` rows unchanged (values never opposed"
    " still 12) until the second step: a content the speaker calls false with a word outside it ('A rumour that X has"
    " been called \"rubbish\" by his publicist', the parse giving the content's claim noun as what is false) is denied,"
    " 'they' may stand for the claim ('rumours ..., but they are obviously fake'), and an active falsity verb says "
    "what someone does ('was lying on the road'), so rejects nothing: values never opposed 12 -> 11 "
    "(fnc-banksy-arrest now has a denial, its best pair below match_similarity: 6 -> 7), recall 0.302, top 10 0.800, "
    "77 listed; status set dev 0.966 and train 0.905 -> 0.912; denials.tsv dev unchanged. On a 60-body TRAIN sample "
    "(probe, not committed): of 117 claims whose sentence holds a rejection word, 40 asserted + 30 reported before, "
    "33 + 34 after; 9 author rejections now denied ('But it's definitely a hoax', 'this article about McDonald's is "
    "fake', 'exposed the story to be a hoax'; one wrong: 'Hope this is fake'), 'NASA denies both the tweet and the "
    "bogus claim' denied (was reported), 7 reported denials from a falsity word describing a thing ('fake people's "
    "reactions', 'believed the fake article') now reported or hedged (one of them was a rejection: 'took down the "
    "hoax'). Kinds left there: the rejection's speaker not found as a claim (a relative 'who told us that ... was "
    "\"false info\"', 'has moved to deny'), 'rumour' and 'satirical' (no falsity word: a rumour may be "
    "true), the quote holding the rejection split from its speaker.",
    "",
    "2026-12-06, engineer dvalues: (1) `--why` (the table above) gives every labelled dispute the first stage that "
    "loses it (read by stage, never used to write a rule). Of the 30 missed: 3 have no value on two positions (no "
    "stance, fact value or figure); 12 have values that never oppose (both sides read as affirming: rejections "
    "the claims stage reads as asserted and positive, or contrary values no slot covers, such as two places, two "
    "polls, two accounts of a gesture); 6 an affirmation and a denial whose best combined similarity is below "
    "match_similarity; 4 such a pair above it that is never joined (another claim nearer, one voice, no shared "
    "name to block on); 5 figures or facts not grouped (undated reports form no event cluster). (2) A rejection "
    "names the value it rejects, read over the parse (link/disputes/rejections.py, docs/disputes.md), and a slot "
    "of responsibility (who did it, against the doer's rejection; synthetic fact pairs with 46 pairs added: train "
    "F1 0.623 -> 0.897, dev 0.563 -> 0.878): recall and top-10 precision unchanged, 0.302 / 0.700, 78 listed, no "
    "responsibility dispute; the Baghdadi wife fact dispute gains the rejections of two more reports ('not wife'; "
    "score 0.79 -> 1.17, now first). Mended on the way: the fact disputes' masked vectors were made in one order "
    "of their blocks and read in another (a dispute's score used another's similarity), and a block's label and a "
    "claim's value there followed the claims' ids, which hash the documents' paths. Cost: a rejection holding a "
    "value word is parsed (21 of this set's claims, 0.1 s CPU for its 77 documents). (3) Ranked by independence: a "
    "dispute whose two sides "
    "one outlet alone gives is weighted one_outlet_weight 0.75 (a prior): unchanged (fnc-baghdadi-photo 6th -> "
    "5th). Tried, not kept: matching a rejection by the words its cue governs (the rejected proposition without "
    "the speaker and the speaker's added clauses) instead of its whole sentence: synthetic denial stories "
    "(bench/data/denial_pairs.yaml, train) F1 0.909 -> 0.800 (0.833 with both texts averaged), so never run on "
    "dev. The largest cause left, values that never oppose, is the claims stage's (the status of rejections "
    "written as a predicate, 'is false', 'a hoax') and contrary values outside the slots.",
    "",
    "Assertion against denial (link/disputes/denials.py): a claim denies when the claims stage gives it a denied or "
    "disputed status (the speaker rejects or contests it; the learned status head, docs/models/status.md, reads "
    "dismissals, ridicule and refutations) or a negative polarity (a negation alone weighs half), affirms when "
    "positive and asserted or reported. "
    "Candidates: the members of one proposition, and the run's claims of any proposition that share a name or a "
    "linked actor (a story's reports fall into several topics). Each claim is joined to its nearest claim of the "
    "opposite stance from another voice (another source, or another named speaker the same report quotes, inside "
    "a proposition as across propositions; one "
    "speaker reported by two outlets is one voice, left out before the nearest is chosen) when their combined "
    "similarity reaches "
    "match_similarity 0.42 (chosen on the synthetic train stories of bench/data/denial_pairs.yaml); anchor pairs "
    "are taken from these nearest edges greedily, the most similar first, each claim in one anchor (every mutual "
    "nearest pair is one), and a claim whose nearest is an anchor's joins it when it agrees with the "
    "anchor's other claim (no chains from story to story). Score: sqrt(affirming x denying weight) x the "
    "closest pair's similarity.",
    "",
    "2026-12-06, engineer facts: facts outside events are compared by value slots (link/disputes/facts.py, "
    "data/models/fact_slots.yaml: a named person's life status and family tie; docs/disputes.md): two claims of "
    "two voices giving values of one slot that cannot both be true, said of one name, whose claims with the value "
    "words masked reach fact_similarity 0.575 (chosen on the synthetic train pairs of bench/data/fact_pairs.yaml, "
    "docs/quality.md 'Disputed facts'). Recall and top-10 precision unchanged, 0.302 / 0.600; the listing "
    "78 -> 81 (3 fact disputes, ranks 12, 28, 37: one true, on the labelled wife question, one real but read from a "
    "debunking, one false). Read by stage, never used to write a rule: the labelled contrary values are mostly "
    "written without a word of the slots file on one side (its claim holds no value word, or one the file does "
    "not list, such as 'freed'), or one side is a rejection, which gives no value. Undated reports: the FNC-1 bodies "
    "carry no date in metadata, dateline or URL, so a document date cannot date their events. Tried, not kept: "
    "matching two claims of one run only through shared names (_across), whatever proposition holds them, so "
    "that grouping decides only which earlier claims a new one meets: 0.302 / 0.600 -> 0.209 / 0.600 (52 "
    "listed; lost fnc-border-isis-caught, -count, fnc-baghdadi-photo, fnc-mcdonalds-overweight, found only "
    "through the match inside a proposition).",
    "",
    "2026-12-06, engineer drecall (misses read by kind on the dev store, never used to write a rule): "
    "0.116 / 0.300 -> 0.209 / 0.500 -> 0.302 / 0.600. (1) One speaker quoted by two outlets (an Iraqi official's "
    "denial in two reports) was each copy's nearest opposite and was dropped only after the nearest was chosen, "
    "so the copy matched nothing: the pair is now left out before (denials._voices_matrix, _across). (2) Among "
    "several reports of one claim a mutual nearest pair is rare (a denial's nearest assertion is nearer another "
    "copy of the denial): anchors are now taken greedily from the most similar edge down (denials._anchors). "
    "The disputes found are larger (the smallest listing that finds each: 2-11 values -> 2-13). A learned "
    "claim-pair matcher trained on synthetic accusation/rejection pairs (branch drecall-matcher, "
    "docs/models/claim_matcher.md there) raised synthetic dev F1 0.69 -> 0.79 but lowered this set "
    "(0.302 -> 0.256 recall as a gate), so it is not used. The 30 missed after, by the stage that lost them: 16 "
    "have no affirmation or no denial on the labelled sides (about 6 are contrary values, both affirmed: dead / "
    "alive, son / daughter, one town / another; the rest statuses: hedged or reported positive rumours and "
    "rebuttals); 6 have both stances but the closest pair's similarity is below 0.42; 4 have a pair above it "
    "that never meets (other propositions with no shared name to block them on, two claims of one report, or "
    "one speaker); 4 are figures of undated reports.",
    "",
    "2026-12-06, after the learned status head (engineer disp3): recall and top-10 precision unchanged (6/43, "
    "0.300; one found dispute traded: fnc-baghdadi-killed in, fnc-turkey-ebola out). The top 10 holds 3 labelled "
    "disputes, 3 true disputes whose values are not the labelled sides' sentences (Iraq's denial of the capture "
    "of Baghdadi's wife against the earlier reports, Boko Haram dismissing the truce claim, Kurdish sources "
    "denying the Rosenberg capture) and 4 false pairings (a reported uncertainty or a literal 'fake ID' read as a "
    "denial, an aide's death against Baghdadi's, two debunkings of one hoax). Misses (read, never used to write a "
    "rule): many labelled sides now carry the stance they should (denied, negative) and are lost to the match: "
    "the closest affirmation is below match_similarity 0.42 or in another story (a rejection's sentence adds the "
    "rejecting speaker's name and words such as 'calling it propaganda'; on a test report written for it, "
    "accusation and rejection in one report score 0.38); PolNeAR's political disputes are rarely one proposition "
    "affirmed and denied.",
    "",
    "The 35 labelled disputes missed at 2026-12-06 (before that), by cause: "
    "15 have no affirmation or no denial on a side "
    "(the claims stage reads 'a hoax', 'bogus report', 'laughing away reports', 'refuted' as asserted or "
    "reported and positive: the stance/status models must see them); 8 are two voices inside one PolNeAR "
    "report whose statuses are both 'reported' and positive; 7 have both stances but the closest pair's "
    "similarity is below 0.42 or another claim is nearer; 5 are figures of undated reports (FNC-1 bodies carry "
    "no date, so their events never form a cluster; co-referring undated reports on a shared town or rare "
    "name and sentence similarity was tried: train pairs without dates F1 0.64, dev 0.52 (P 0.42), and on "
    "this set it put six false figure and fact disputes into the top 10, so it was not kept). Caveat: a "
    "pair the propositions step put on opposite sides counts as matched, and those sides come partly from the "
    "FNC-1 stance model, trained on FNC-1 train bodies, which this set is drawn from: the FNC-1 figures may be "
    "optimistic.",
]


def load_labels(path: Path = LABELS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["disputes"]


def polnear_split(path: Path = LABELS) -> str:
    """The PolNeAR split a labels file draws its texts from (its ``polnear_split``; dev by default)."""
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("polnear_split", "dev")


def corpus_records(labels: list[dict], shared: Path, split: str = "dev") -> list[dict]:
    """One JSON record per labelled document: its text, title (``corpus:doc``), site and date; PolNeAR
    texts come from ``split`` (the labels file's own, see ``polnear_split``)."""
    fnc = {s["doc"] for d in labels for s in d["sides"] if s["corpus"] == "fnc1"}
    pn = {s["doc"] for d in labels for s in d["sides"] if s["corpus"] == "polnear"}
    datasets = shared / "datasets"
    records = []
    with (datasets / "fnc1" / "train_bodies.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Body ID"] in fnc:  # FNC-1 keeps no outlet: each body is its own source
                records.append({"title": f"fnc1:{row['Body ID']}", "site": f"fnc1-body-{row['Body ID']}",
                                "text": row["articleBody"]})  # fmt: skip
    meta = {}
    with (datasets / "polnear" / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    for name in sorted(pn):
        text = (datasets / "polnear" / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        m = meta.get(name, {})
        records.append({"title": f"polnear:{name}", "site": m.get("publisher"), "date": m.get("publication_date"),
                        "text": text})  # fmt: skip
    return records


def listed_disputes(records: list[dict], workdir: Path) -> list[dict] | None:
    """The disputes `claimgraph disputes --json` lists after a run over ``records`` (into
    ``workdir/disputes.duckdb``; a store already there is read as it is); None when this claimgraph has
    no disputes command."""
    db = workdir / "disputes.duckdb"
    if not db.exists():
        corpus = workdir / "documents.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with Store(db) as store:
            run([str(corpus)], store, workers=1)
    out = subprocess.run(
        [sys.executable, "-m", "claimgraph", "disputes", "--db", str(db), "--json"], capture_output=True, text=True
    )
    if out.returncode != 0:
        if "No such command" in out.stderr:
            return None
        raise RuntimeError(f"claimgraph disputes failed: {out.stderr.strip()}")
    return json.loads(out.stdout)


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def side_of(value: dict, dispute: dict) -> str | None:
    """The position of the labelled side ``value`` carries, if any."""
    title = value.get("doc_title") or ""
    said = _words(value.get("text"))
    for side in dispute["sides"]:
        words = _words(side["text"])
        if title == f"{side['corpus']}:{side['doc']}" and len(words & said) >= len(words) / 2:
            return str(side["position"])
    return None


def matches(listed: dict, dispute: dict) -> bool:
    positions = {side_of(v, dispute) for v in listed.get("values", [])} - {None}
    return len(positions) >= 2


def score_disputes(labels: list[dict], listed: list[dict]) -> tuple[float, float, list[str]]:
    found = [d["id"] for d in labels if any(matches(x, d) for x in listed)]
    top = listed[:10]
    right = sum(any(matches(x, d) for d in labels) for x in top)
    return len(found) / len(labels), (right / len(top) if top else 0.0), found


# Why a labelled dispute is missed, by the first stage that loses it (``--why``): the order of the
# linking's own steps, so that each miss counts once.
WHY = (
    "no claim on two sides",  # the claims stage gives no claim over the sentences of two positions
    "no value on two sides",  # claims, but fewer than two positions give a stance, a fact value or a figure
    "values never opposed",  # values on two positions, but none that oppose (both affirm, no exclusive values)
    # opposed values on two positions, but no stored dispute holds two of them; split by what opposes them:
    "stances below match_similarity",  # an affirmation and a denial, their best combined similarity below it
    "stances above it, not joined",  # ... at or above it, never joined (another story nearer, one voice, blocks)
    "figures or facts not grouped",  # numbers (undated reports form no event cluster) or exclusive fact values
    "grouped, not listed",  # a stored dispute holds two positions but is no conflict of two sources
)


def _side_claims(side: dict, claims: dict[str, list[dict]]) -> list[dict]:
    """The claims of the side's document whose sentence holds at least half the side's words (as
    ``side_of`` reads a listed value)."""
    words = _words(side["text"])
    own = claims.get(f"{side['corpus']}:{side['doc']}", [])
    return [c for c in own if len(words & _words(c["text"])) >= len(words) / 2]


def _side_figures(dispute: dict, figures: dict[str, list[dict]]) -> dict[str, set[tuple]]:
    """Position -> (measure, low, high, clustered) of the figures read in its sides' sentences."""
    out: dict[str, set[tuple]] = defaultdict(set)
    for side in dispute["sides"]:
        words = _words(side["text"])
        for f in figures.get(f"{side['corpus']}:{side['doc']}", []):
            if len(words & _words(f["sentence"])) >= len(words) / 2:
                out[str(side["position"])].add((f["measure"], f["low"], f["high"], f["cluster_id"] is not None))
    return out


def _readings(c: dict, config, slots) -> set[tuple]:
    """What the disputes step can read of a claim: its stance, its fact slot values, its figures."""
    from claimgraph.link.disputes.facts import claim_values

    out: set[tuple] = set()
    if c["stance"]:
        out.add(("stance", c["stance"]))
    out |= {("fact", slot.name, value) for slot, value, _, _ in claim_values(c, slots, config)}
    if c["quantities"]:
        out.add(("figure",))
    return out


def _opposed(a: set[tuple], b: set[tuple], slots) -> bool:
    by_name = {s.name: s for s in slots}
    for x in a:
        for y in b:
            if x[0] == y[0] == "stance" and x != y or x[0] == y[0] == "figure":
                return True
            if x[0] == y[0] == "fact" and x[1] == y[1] and by_name[x[1]].conflict(x[2], y[2]):
                return True
    return False


def _stance_vectors(store: Store, rows: list[dict]) -> dict[str, np.ndarray]:
    """Claim id -> the propositions' claim vector (text and actors, the store's embedding mode)."""
    from claimgraph.link.embeddings import Embedder, EmbeddingCache
    from claimgraph.link.propositions import load_config as proposition_config
    from claimgraph.link.propositions import vectors_of_claims

    modes = store.propositions.modes()
    cache = EmbeddingCache(Embedder(next(iter(modes)) if len(modes) == 1 else "fast"))
    made = vectors_of_claims([{"text": c["text"], "actors": c["actors"]} for c in rows], cache, proposition_config())
    return {c["claim_id"]: v for c, v in zip(rows, made, strict=True)}


def _best_stance_pair(
    by_position: dict[str, list[dict]], vectors: dict[str, np.ndarray]
) -> tuple[float, dict, dict] | None:
    """(the highest combined similarity of an affirmation of one position and a denial of another, the
    two claims); None: no such pair."""
    pairs = [
        (float(vectors[a["claim_id"]] @ vectors[b["claim_id"]]), a, b)
        for p, xs in by_position.items()
        for q, ys in by_position.items()
        if p != q
        for a in xs
        for b in ys
        if a["stance"] == "affirms" and b["stance"] == "denies"
    ]
    return max(pairs, key=lambda x: x[0], default=None)


def _unjoined(a: dict, b: dict, propositions: dict[str, str], config) -> str:
    """What keeps an affirmation and a denial above match_similarity apart, as the matching reads them:
    one voice, one report without two named speakers, or neither one proposition nor a shared name."""
    from claimgraph.link.disputes.denials import _keys, _same_voice, _two_voices

    if _same_voice(a, b, config):
        return "one voice"
    if not _two_voices(a, b, config):
        return "one report, not two named speakers"
    same = propositions.get(a["claim_id"]) is not None and propositions.get(a["claim_id"]) == propositions.get(
        b["claim_id"]
    )
    if not same and not _keys(a) & _keys(b):
        return "other propositions, no shared name"
    return "one proposition" if same else "a shared name"


def why_missed(labels: list[dict], listed: list[dict], db: Path) -> list[tuple[str, str, str]]:
    """(dispute id, cause in ``WHY`` or "found", a detail) of every labelled dispute, read from the store."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import stance
    from claimgraph.link.disputes.facts import load_slots

    config, slots = load_config(), load_slots()
    with Store(db) as store:
        titles = {d["id"]: d["title"] for d in store.documents.summaries()}
        claims: dict[str, list[dict]] = {}
        for c in store.disputes.claims(sorted(titles)):
            c["stance"] = stance(c, config)
            claims.setdefault(titles[c["doc_id"]], []).append(c)
        figures: dict[str, list[dict]] = defaultdict(list)
        for f in store.figures.in_context(sorted(titles)):
            figures[titles[f["doc_id"]]].append(f)
        stored = store.disputes.ranked(conflicts_only=False, min_sources=1)
        values = store.disputes.values([d["id"] for d in stored])
        vectors = _stance_vectors(store, [c for cs in claims.values() for c in cs if c["stance"]])
        propositions = store.disputes.propositions_of([c["claim_id"] for cs in claims.values() for c in cs])
    grouped = [{"values": values[d["id"]]} for d in stored]
    out = []
    for d in labels:
        rank = next((i for i, x in enumerate(listed, 1) if matches(x, d)), None)
        if rank is not None:
            out.append((d["id"], "found", f"rank {rank}"))
            continue
        by_position: dict[str, list[dict]] = defaultdict(list)
        for side in d["sides"]:
            by_position[str(side["position"])] += _side_claims(side, claims)
        readings = {p: set().union(*(_readings(c, config, slots) for c in cs)) for p, cs in by_position.items() if cs}
        shown = "; ".join(f"{p}: {sorted(r)}" for p, r in readings.items())
        counted = _side_figures(d, figures)
        if counted:  # the figures the extraction reads there (measure, interval, in an event cluster?)
            shown += "; figures " + "; ".join(f"{p}: {sorted(r)}" for p, r in counted.items())
        with_value = [p for p, r in readings.items() if r]
        opposed = any(_opposed(readings[p], readings[q], slots) for p in with_value for q in with_value if p < q)
        if len(readings) < 2:
            cause = WHY[0]
        elif len(with_value) < 2:
            cause = WHY[1]
        elif not opposed:
            cause = WHY[2]
        elif not any(matches(g, d) for g in grouped):
            pair = _best_stance_pair(by_position, vectors)
            best = None if pair is None else pair[0]
            cause = WHY[5] if best is None else WHY[3] if best < config.match_similarity else WHY[4]
            shown += "" if best is None else f"; best affirmation x denial similarity {best:.2f}"
            if cause == WHY[4]:
                shown += f" ({_unjoined(pair[1], pair[2], propositions, config)})"
        else:
            cause = WHY[6]
        out.append((d["id"], cause, shown))
    return out


def why_lines(rows: list[tuple[str, str, str]]) -> list[str]:
    counts = Counter(cause for _, cause, _ in rows)
    lines = ["| why missed | disputes |", "| --- | --- |"]
    lines += [f"| {cause} | {counts[cause]} |" for cause in WHY]
    lines.append(f"| (found) | {counts['found']} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--write", action="store_true", help="replace the section in docs/quality.md")
    parser.add_argument("--why", action="store_true", help="print why each labelled dispute is missed, by stage")
    parser.add_argument("--store", type=Path, help="run into this folder's store and keep it (a store there is reused)")
    parser.add_argument(
        "--labels",
        type=Path,
        default=LABELS,
        help="labelled disputes (default the dev set; bench/data/disputes_train.yaml is the train set to develop "
        "on): a set other than dev prints its disputes figures only",
    )
    args = parser.parse_args()
    dev = args.labels.resolve() == LABELS.resolve()
    if args.write and not dev:
        parser.error("--write records the dev set only")

    labels = load_labels(args.labels)
    records = corpus_records(labels, args.shared, polnear_split(args.labels))
    with tempfile.TemporaryDirectory(prefix="claimgraph-disputes-") as tmp:
        workdir = args.store or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        listed = listed_disputes(records, workdir)
        why = why_missed(labels, listed, workdir / "disputes.duckdb") if args.why and listed is not None else None
    if why is not None:
        for did, cause, shown in why:
            print(f"{did:32} {cause:24} {shown}")
    if not dev:
        print(f"Disputes {args.labels}: {len(labels)} disputes in {len(records)} documents.")
        if listed is not None:
            recall, precision, found = score_disputes(labels, listed)
            print(f"- disputes listed: {len(listed)}")
            print(f"- recall of labelled disputes: {recall:.3f} ({len(found)}/{len(labels)})")
            print(f"- precision of the top 10 listed (unlabelled true disputes count as wrong): {precision:.3f}")
            print(f"- found: {', '.join(found)}")
            if why is not None:
                print("\n".join(why_lines(why)))
        return
    pairs = {split: score_pairs(split) for split in ("train", "dev")}
    ucdp = score_ucdp(args.shared)

    lines = [SECTION, "", "    .venv/bin/python bench/quality_disputes.py --write", ""]
    lines.append(
        f"Disputes dev set (bench/data/disputes_dev.yaml, hand-labelled before running): {len(labels)} disputes "
        f"in {len(records)} documents (FNC-1 train bodies, PolNeAR dev texts)."
    )
    lines.append("")
    if listed is None:
        lines.append("- this claimgraph has no `disputes` command: recall and top-10 precision not measured")
    else:
        recall, precision, found = score_disputes(labels, listed)
        lines.append(f"- disputes listed: {len(listed)}")
        lines.append(f"- recall of labelled disputes: {recall:.3f} ({len(found)}/{len(labels)})")
        lines.append(f"- precision of the top 10 listed (unlabelled true disputes count as wrong): {precision:.3f}")
        if found:
            lines.append(f"- found: {', '.join(found)}")
        if why is not None:
            lines += ["", "Why each labelled dispute is missed, by the first stage that loses it (`--why`):", ""]
            lines += why_lines(why)
        lines += ["", *DISPUTES_NOTE]
    lines += [
        "",
        "Event co-reference, pairwise over labelled report pairs (bench/data/coref_pairs.yaml, synthetic):",
        "",
    ]
    lines += ["| split | pairs | same | P | R | F1 |", "| --- | --- | --- | --- | --- | --- |"]
    for split, s in pairs.items():
        lines.append(f"| {split} | {s.pairs} | {s.positives} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    lines.append(
        f"| real: UCDP Pakistan dev headlines | {ucdp.pairs} | {ucdp.positives} | {ucdp.precision:.3f} | "
        f"{ucdp.recall:.3f} | {ucdp.f1:.3f} |"
    )
    lines += [
        "",
        "The decision (events/coref.py, data/events/coref.yaml): type families (neighbouring types co-refer when one "
        "is general), dates with their precision (an undated report tells of the 2 days before its document's "
        'date; a reference point such as "since 2015" is no date), place hierarchy or a proper name shared by '
        "the two event sentences "
        '(never the country alone; a name before "State"/"district" links only as a province; the doer\'s name '
        "never links places), conflicting perpetrators, and the cosine of the static MiniLM sentence vectors. "
        "`python -m claimgraph_eval.coref tune` (from bench/) scores a grid of its thresholds on the train pairs "
        "only; min_similarity strong 0.35 / province 0.65 were taken from it. Slack is 1 day, though 0 scored "
        "0.745 against 0.731 on train (one pair, a funeral's day): reports often give the day of the saying for "
        'the incident\'s ("said on Tuesday that ... on Monday"). A shared common word ("Army") links only as a '
        "province does. Most pairs "
        'still missed are reports in which the events stage finds no event ("a missile hit ...") or another '
        "type (a raid read as an ARREST).",
        "",
        "The real row: the source headlines UCDP lists for one event are one incident (its coding is the label); "
        "headlines of two events in the same province starting at most 3 days apart are different ones; each "
        "headline is a document dated by its publication date, its outlet the site. Recall there is low: many "
        "headlines carry no event the events stage finds, and most others name only the country or a region the "
        'gazetteer does not resolve ("Pakistani Kashmir", "tribal area"); those link only when both give one count. '
        "This row pools all events; bench/quality_coref_real.py splits them (train events were developed on) and "
        "is the measure to quote.",
        "",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section(REPO / "docs" / "quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    main()
