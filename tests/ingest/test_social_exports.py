"""Telegram, X and Mastodon exports: one document per post, self-threads joined with each post's span,
replies by others kept apart, forwards attributed to and identified by their origin."""

import json

from claimgraph.ingest import file_format, read_paths
from claimgraph.ingest.posts import post_at
from claimgraph.model import POSTS_KIND, Document


def _docs(path):
    return [d for d in read_paths([str(path)]) if isinstance(d, Document)]


def _post_texts(doc):
    """Each post's text as its span of the raw text says."""
    return [doc.raw_text[p.raw_start : p.raw_end] for p in doc.annotations[POSTS_KIND]]


def test_telegram_channel_posts_threads_entities_and_forwards(fixtures_dir):
    single, thread, forward = _docs(fixtures_dir / "ingest" / "sources" / "telegram_sahel_channel.json")
    # the pinned-message service entry and the photo without caption make no document
    assert [d.source.record for d in (single, thread, forward)] == ["202", "203", "207"]
    assert (single.source.format, single.meta.site, single.meta.date, single.meta.url) == (
        "telegram",
        "Sahel Frontline Monitor",
        "2024-05-01T07:05:00",
        "https://t.me/c/1712345678/202",
    )
    assert single.annotations[POSTS_KIND][0].views == 4210
    # 203 <- 204 <- 205: the channel answering its own last post, one document in posting order
    assert [p.post_id for p in thread.annotations[POSTS_KIND]] == ["203", "204", "205"]
    assert [p.reply_to for p in thread.annotations[POSTS_KIND]] == [None, "203", "204"]
    assert thread.meta.author == "A. Maiga"  # the post's signature
    # entity arrays flattened; a link whose text is not its address keeps the address
    assert _post_texts(thread) == [
        "THREAD 1/3 Boulkessi: the army says it repelled an attack on its base and killed dozens of militants. "
        "#Mali\nStatement: https://army.example/communique-17",
        "2/3 JNIM's outlet claims the opposite: that its fighters overran two positions. Neither claim has been "
        "verified; see our earlier report (https://sahelfrontline.example/boulkessi-0501).",
        "3/3 Residents reached by phone said the shooting stopped around noon.",
    ]
    assert thread.raw_text == "\n\n".join(_post_texts(thread))
    at = thread.raw_text.index("overran two positions")
    assert post_at(thread, at).post_id == "204" and post_at(thread, 0).post_id == "203"
    assert post_at(thread, thread.raw_text.index("noon")).url == "https://t.me/c/1712345678/205"
    # a forward: its words are the origin's
    post = forward.annotations[POSTS_KIND][0]
    assert (post.forwarded_from, post.author) == ("Yemen Coast Watch", "Sahel Frontline Monitor")
    assert (forward.meta.author, forward.meta.site) == ("Yemen Coast Watch", "Yemen Coast Watch")


def test_telegram_group_replies_by_others_stay_apart_and_forwards_from_two_chats_are_one_document(fixtures_dir):
    sources = fixtures_dir / "ingest" / "sources"
    report, reply, forward = _docs(sources / "telegram_myanmar_group.json")
    assert (report.meta.author, reply.meta.author) == ("Thura Aung", "Mya Win")
    assert reply.annotations[POSTS_KIND][0].reply_to == "9001" and len(reply.annotations[POSTS_KIND]) == 1
    channel_forward = _docs(sources / "telegram_sahel_channel.json")[-1]
    assert forward.raw_text == channel_forward.raw_text
    assert forward.id == channel_forward.id  # the same origin post: stored once
    assert forward.source != channel_forward.source  # each still says where it was read


def test_the_same_post_in_two_exports_of_a_channel_is_one_document(fixtures_dir, tmp_path):
    original = fixtures_dir / "ingest" / "sources" / "telegram_sahel_channel.json"
    later = tmp_path / "ChatExport_2024-06-01" / "result.json"
    later.parent.mkdir()
    later.write_bytes(original.read_bytes())
    assert [d.id for d in _docs(original)] == [d.id for d in _docs(later)]


def test_x_archive_oldest_first_self_thread_joined_reply_apart_retweet_to_origin(fixtures_dir):
    path = fixtures_dir / "ingest" / "sources" / "x_archive" / "data" / "tweets.js"
    assert file_format(str(path)) == "twitter"
    alert, thread, reply, retweet = _docs(path)
    assert (alert.meta.date, alert.meta.author, alert.meta.url) == (
        "2024-05-06T07:15:00+00:00",
        "@kyiv_osint_desk",
        "https://x.com/kyiv_osint_desk/status/1789000000000000000",
    )
    assert [p.post_id for p in thread.annotations[POSTS_KIND]] == [
        "1790000000000000001",
        "1790000000000000002",
        "1790000000000000003",
    ]
    # HTML entities unescaped, t.co links replaced by the address they stand for
    assert _post_texts(thread) == [
        "1/3 #Kharkiv: SYNTHETIC. Two accounts of the overnight strike on the Vovchansk bridge > a thread.",
        "2/3 Russian channels & milbloggers claim the bridge was destroyed; the governor says it was damaged. "
        "https://kharkivnotes.example/2024/05/vovchansk",
        "3/3 Until the footage is geolocated, treat both accounts as unconfirmed.",
    ]
    assert post_at(thread, thread.raw_text.index("geolocated")).post_id == "1790000000000000003"
    # a reply to someone else's tweet is a document of its own, pointing to what it answers
    assert reply.annotations[POSTS_KIND][0].reply_to == "1789999999999999999"
    assert reply.raw_text.startswith("@other_analyst The video you shared is from 2022")
    # "RT @handle: " is the pointer to the origin, not text
    assert retweet.raw_text.startswith("Houthi spokesman says two missiles")
    assert retweet.annotations[POSTS_KIND][0].forwarded_from == "@YemenCoastWatch"
    assert retweet.meta.author == "@YemenCoastWatch"


def test_x_archive_files_other_than_tweets_are_named_in_one_line(fixtures_dir):
    path = fixtures_dir / "ingest" / "sources" / "x_archive" / "data" / "account.js"
    (error,) = read_paths([str(path)])
    assert error.reason == "X archive file of account, not of tweets (read data/tweets.js)"


def test_mastodon_outbox_self_thread_html_content_and_boosts(fixtures_dir):
    path = fixtures_dir / "ingest" / "sources" / "mastodon_outbox.json"
    thread, reply = _docs(path)  # the boost (Announce) carries no text and makes no document
    base = "https://social.example/users/donbasdesk/statuses/"
    assert [p.post_id for p in thread.annotations[POSTS_KIND]] == [
        base + "112400000000000001",
        base + "112400000000000002",
    ]
    assert (thread.source.format, thread.meta.author, thread.meta.date, thread.meta.url) == (
        "mastodon",
        "@donbasdesk@social.example",
        "2024-05-09T06:00:00Z",
        "https://social.example/@donbasdesk/112400000000000001",
    )
    # <p> paragraphs and <br> lines as a page's visible text; link text kept
    assert _post_texts(thread) == [
        "SYNTHETIC. Ukraine's air force says it shot down 14 of 16 drones launched overnight.\n\n"
        "Russia's defence ministry says all its targets were hit.",
        "Local officials in Zaporizhzhia reported damage to a power substation.\n"
        "No casualties so far. Source: https://zp-admin.example/news/0509",
    ]
    assert reply.annotations[POSTS_KIND][0].reply_to == "https://other.example/users/analyst/statuses/998877"
    assert reply.raw_text.startswith("@analyst The substation figures")


def test_a_whole_account_telegram_export_reads_every_chat(fixtures_dir, tmp_path):
    sources = fixtures_dir / "ingest" / "sources"
    chats = [
        json.loads((sources / n).read_text(encoding="utf-8"))
        for n in ("telegram_sahel_channel.json", "telegram_myanmar_group.json")
    ]
    path = tmp_path / "result.json"
    # the account's contacts come before its chats: more than the sniffed head of the file
    contacts = [{"first_name": f"Contact {i}", "phone_number": "+000"} for i in range(2000)]
    export = {
        "about": "SYNTHETIC account export",
        "personal_information": {"first_name": "A"},
        "contacts": {"about": "contacts", "list": contacts},
        "chats": {"about": "all chats", "list": chats},
    }
    path.write_text(json.dumps(export), encoding="utf-8")
    assert path.stat().st_size > 65536
    docs = _docs(path)
    assert [(d.meta.site, d.source.record) for d in docs] == [
        ("Sahel Frontline Monitor", "202"),
        ("Sahel Frontline Monitor", "203"),
        ("Yemen Coast Watch", "207"),
        ("Myanmar Monitors Chat", "9001"),
        ("Myanmar Monitors Chat", "9002"),
        ("Yemen Coast Watch", "9003"),
    ]
    assert docs[2].id == docs[5].id  # the forward, once per chat: one document
