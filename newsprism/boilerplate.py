"""What a leftover line of a scraped news page looks like: interface lexicons and line shape.

The lexicons hold the interface words of news sites (share, subscribe, log in, related, comments, tags,
copyright, advertising, bylines…) in English, French, German, Spanish, Portuguese, Italian, Russian,
Vietnamese, Czech, Turkish, Polish, Dutch and Arabic. They are matched against whole short lines, never
against words inside sentences, and combined with the line's shape (length, final punctuation, digits,
separators) by :mod:`newsprism.textclean`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import tomllib


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[str]]:
    raw = resources.files("newsprism").joinpath("data/interface_words.toml").read_text("utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=1)
def _ui_words() -> frozenset[str]:
    return frozenset(_lexicon()["ui_words"])


@lru_cache(maxsize=1)
def _counter_words() -> frozenset[str]:
    return frozenset(_lexicon()["counter_words"])


@lru_cache(maxsize=1)
def _prompt_starts() -> frozenset[str]:
    return frozenset(_lexicon()["prompt_starts"])


_COMMENT_WORDS = (
    r"comments?|commentaires?|réactions?|réagir|réagissez|kommentare?|leserkommentare|diskussion|comentarios?|"
    r"comentários?|commenti|комментари[йияи]|обсуждение|мнения читателей|bình luận|ý kiến(?: bạn đọc)?|"
    r"komentáře|komentářů|diskuse|yorumlar|yorum|komentarze|reacties|التعليقات|تعليقات|discussion|conversation|"
    r"join the discussion|join the conversation|discussion thread|have your say|your say|reader reactions|"
    r"votre avis|vos réactions|ihre meinung|deine meinung|tu opinión|opiniones|sua opinião|la tua opinione|"
    r"ваше мнение|názory čtenářů|postings?|网友评论|评论|留言|コメント|댓글"
)
_COMMENT_HEADER = re.compile(
    rf"(?i)^(?:\d+\s+)?(?:reader\s+|user\s+|latest\s+|top\s+|all\s+|your\s+)?(?:{_COMMENT_WORDS})"
    r"\s*[(\[（]?\s*(?:\d+)?\s*[)\]）]?\s*[:：]?$"
    # WordPress: "2 thoughts on “Title”", "3 responses to “Title”"
    r"|^\d+\s+(?:thoughts?|responses?|replies|comments?|réponses?|commentaires?|kommentare?|comentarios?)"
    r"\s+(?:on|to|à|sur|zu|a|en)\s+[“\"«„'‘].{1,200}$"
)
_BYLINE = re.compile(
    r"^(?:by|from|par|von|por|di|da|de|автор|текст|theo|yazan|napsal|autor|door|written by|reporting by|"
    r"text|bài|tác giả)[:\s]+(?P<name>[^\W\d_][\w.'’-]*(?:[ ,&]+(?:and|et|und|y|e|и|và|ve|a)?\s*[^\W\d_][\w.'’-]*){0,7})$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?i)^(?:photo|photos|foto|fotos|фото|ảnh|image|images|picture|bild|imagen|immagine|video|видео|"
    r"credit|crédit|source|sources|quelle|fuente|fonte|источник|nguồn|zdroj|kaynak|via|graphic|illustration)"
    r"\s*(?:by|de|par|von|:|–|—|-)\s*\S.{0,80}$"
    r"|^\(\s*(?:photo|ảnh|foto|фото|image|imagen|immagine|bild|illustration)\b[^()]{0,80}\)$"
)
_COPYRIGHT = re.compile(
    r"(?i)(?:^©|\(c\)\s*\d{4}|copyright\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|все права защищены|"
    r"bản quyền thuộc|giữ bản quyền|všechna práva vyhrazena|tüm hakları saklıdır|wszelkie prawa zastrzeżone)"
)
_SOURCE = re.compile(
    r"(?i)^(?:©\s*(?:\d{4}\s*)?|copyright\s*(?:©\s*)?(?:\d{4}\s*)?|source\s*:|sources\s*:|quelle\s*:|fuente\s*:|"
    r"fonte\s*:|источник\s*:|nguồn\s*:|zdroj\s*:|kaynak\s*:|theo\s+)\s*(?P<name>[^\W\d_][^.|,;]{0,60}?)"
    r"(?:[.,;|]|\s+(?:all rights|tous droits|alle rechte|todos los|todos os|все права)|\s*\d{4}|$)"
)
_MENU_SEPARATORS = re.compile(r"\s(?:\||•|·|›|»|>|/|–)\s|\s{3,}|\t")
_TERMINAL = tuple(".!?…:;。！？；：؟۔")
_CLOSERS = "\"'»”“’)]」』）】"
_OPENERS = {")": "(", "]": "[", "）": "（", "】": "【"}
# Scripts written without spaces between words: a run of them counts as one word per two characters.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def ends_like_sentence(line: str) -> bool:
    """Ends with sentence punctuation, possibly inside closing quotes or brackets (``."``, ``.»``, ``?)``);
    a bracket closes a sentence only when the line opens with it ("(Reporting by …)")."""
    stripped = line.rstrip()
    if stripped.endswith(_TERMINAL):
        return True
    if not stripped or stripped[-1] not in _CLOSERS:
        return False
    core = stripped.rstrip(_CLOSERS)
    if core.endswith(_TERMINAL):
        return True
    opener = _OPENERS.get(stripped[-1])
    return opener is not None and stripped.startswith(opener)


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def normalize(line: str) -> str:
    """Lower case, NFKC, punctuation and digits to spaces, collapsed: the form lexicons are matched on."""
    text = unicodedata.normalize("NFKC", line).lower()
    text = re.sub(r"[\d\W_]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _ui_start_re() -> re.Pattern[str]:
    phrases = sorted({normalize(p) for p in _lexicon()["line_starts"] if normalize(p)}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(p) for p in phrases) + r")(?:\s|$)")


@lru_cache(maxsize=1)
def _list_heads() -> frozenset[str]:
    return frozenset(normalize(p) for p in _lexicon()["list_heads"])


def is_list_head(line: str) -> bool:
    """A line that is only a list heading ("Related articles", "Lire aussi", "Tin liên quan", "Most read")."""
    return len(line) <= 60 and normalize(line) in _list_heads()


_BOX_HEADS = frozenset(
    normalize(p)
    for p in (
        "About the author",
        "About the authors",
        "About the writer",
        "Zur Person",
        "Über den Autor",
        "Über die Autorin",
        "À propos de l'auteur",
        "L'auteur",
        "Sobre el autor",
        "Sobre la autora",
        "Sobre o autor",
        "L'autore",
        "Об авторе",
        "Về tác giả",
        "O autorovi",
        "Yazar hakkında",
        "O autorze",
    )
)


def is_box_head(line: str) -> bool:
    """A heading that opens a box after the article ("About the author", "Zur Person")."""
    return len(line) <= 40 and normalize(line) in _BOX_HEADS


def words(line: str) -> list[str]:
    return _WORD.findall(line)


@dataclass(frozen=True)
class LineShape:
    """Shape features of one line."""

    n_words: int
    n_chars: int
    terminal: bool  # ends like a sentence
    has_digit: bool
    capitalized: float  # share of words starting with a capital


def shape(line: str) -> LineShape:
    ws = words(line)
    caps = sum(1 for w in ws if w[:1].isupper())
    stripped = line.rstrip()
    n_words = sum(max(1, (len(_UNSPACED.findall(w)) + 1) // 2) for w in ws)
    return LineShape(
        n_words=n_words,
        n_chars=len(stripped),
        terminal=ends_like_sentence(stripped),
        has_digit=any(c.isdigit() for c in stripped[:200]),
        capitalized=caps / len(ws) if ws else 0.0,
    )


def ui_phrase(line: str) -> bool:
    """A short line that opens with an interface phrase ("Share", "Read also: …", "Abonnez-vous à …")."""
    if len(line) > 400:
        return False
    norm = normalize(line)
    if not norm:
        return False
    m = _ui_start_re().match(norm)
    if not m:
        return False
    rest = norm[m.end() :].split()
    if not rest:
        return True
    if _imperative_prompt(norm):
        return True
    s = shape(line)
    if len(norm[: m.end()].split()) >= 3 and s.n_words <= 20:
        return True
    # "Read also: <headline>", "Tags: a, b", "Disclaimer: …" are leftovers; "Home prices rose" is not.
    labelled = bool(re.match(r"^\W*[^\W\d_]+(?:[ '-][^\W\d_]+)?\s*[:：|»›>–—]", line.strip()))
    if labelled and s.n_words <= 20:
        return True
    if s.n_words > 14 or (s.terminal and s.n_words >= 6 and not line.rstrip().endswith(":")):
        return False
    return len(norm[: m.end()].split()) >= 2


_PROMPT_WORDS = re.compile(
    r"\b(?:our|newsletter|app|daily|weekly|free|now|comment|notre|nos|gratuit|gratuite|unsere[nm]?|kostenlos|"
    r"jetzt|nuestro|nuestra|gratis|nosso|nossa|nostro|nostra|наш[уеиа]?|нашу|бесплатно|chúng tôi|miễn phí|"
    r"bình luận|naše|náš|ücretsiz|bültenimize|commenter|kommentieren|comentar|commentare|комментари\w*|"
    r"inbox|every morning|chaque matin|jeden morgen|cada mañana|todas as manhãs|ogni mattina|каждое утро|"
    r"mỗi sáng|your email|votre boîte|tu correo|seu e-mail|la tua email|почту)\b"
)


def _imperative_prompt(norm: str) -> bool:
    first = norm.split()[0]
    return first in _prompt_starts() and bool(_PROMPT_WORDS.search(norm)) and len(norm.split()) <= 25


def ui_word_share(line: str) -> float:
    """Share of the line's words that are interface words (share bars, menus, footers)."""
    ws = [w.lower() for w in words(line)]
    if not ws:
        return 0.0
    norm = " ".join(ws)
    hits = sum(1 for w in ws if w in _ui_words())
    for phrase in (
        "chia sẻ",
        "in bài",
        "sao chép",
        "liên kết",
        "trang chủ",
        "thời sự",
        "thế giới",
        "kinh doanh",
        "giải trí",
        "thể thao",
        "pháp luật",
        "giáo dục",
        "sức khỏe",
        "trả lời",
        "sign in",
    ):
        if phrase in norm:
            hits += len(phrase.split())
    return min(1.0, hits / len(ws))


def is_counter(line: str) -> bool:
    """A lone number or a count of something ("12", "3 comments", "1.2K views", "♥ 14", "5 min read")."""
    if len(line) > 60:
        return False
    if not re.search(r"\d", line):
        return False
    ws = [w.lower() for w in words(line) if not w.isdigit()]
    ws = [w for w in ws if not re.fullmatch(r"\d+[kmк]?|k|m|к|тыс", w)]
    if not ws:
        return True
    return len(ws) <= 3 and all(w in _counter_words() for w in ws)


def is_comment_header(line: str) -> bool:
    """A comment-section header: "Comments (14)", "Bình luận (3)", "Комментарии 5", "2 thoughts on “…”"."""
    return len(line) <= 250 and bool(_COMMENT_HEADER.match(line.strip()))


_COMMENT_WORD = re.compile(
    r"(?i)comment|komment|коммент|bình luận|coment|yorum|koment|تعليق|réaction|réagi|posting|评论|コメント|댓글"
)


def mentions_comments(line: str) -> bool:
    """A short line about the comments ("Alle Kommentare anzeigen", "Xem thêm bình luận", "Réagir")."""
    s = shape(line)
    return s.n_words <= 6 and not s.terminal and bool(_COMMENT_WORD.search(line))


def byline_name(line: str) -> str | None:
    """The author(s) a byline names ("By Jane Doe" → "Jane Doe"), else None."""
    if not is_byline(line):
        return None
    m = _BYLINE.match(_byline_head(line))
    return m["name"].strip() if m else None


_BYLINE_PARTS = re.compile(r"\s*[·•|]\s*")


def _byline_head(line: str) -> str:
    """A byline's first part, when the rest are its place and date ("Por Ana Ruiz · Lima · 6 de marzo")."""
    parts = [p for p in _BYLINE_PARTS.split(line.strip()) if p]
    if len(parts) > 1 and all(len(p.split()) <= 6 for p in parts[1:]):
        return parts[0]
    return line.strip()


def is_byline(line: str) -> bool:
    stripped = _byline_head(line)
    if len(stripped) > 120 or stripped.endswith((".", "!", "?")) and not re.search(r"\b\w\.$", stripped):
        return False
    m = _BYLINE.match(stripped)
    if not m:
        return False
    name_words = [
        w for w in words(m["name"]) if w.lower() not in {"and", "et", "und", "y", "e", "и", "và", "ve", "a"}
    ]
    return bool(name_words) and sum(1 for w in name_words if w[:1].isupper()) >= max(1, len(name_words) - 1)


def is_credit(line: str) -> bool:
    return bool(_CREDIT.match(line.strip())) and len(words(line)) <= 12


_PROMPT_ANYWHERE = re.compile(
    r"(?i)\b(?:sign up (?:for|to) (?:our|the)|subscribe (?:to|for) our|subscribe to the (?:[\w-]+ )?(?:newsletter|podcast|briefing|digest|edition)|our (?:free |daily |weekly )?newsletter|"
    r"straight to your inbox|delivered to your inbox|by subscribing,? you agree|inscrivez-vous à (?:notre|la) newsletter|abonnez-vous à|"
    r"melden sie sich (?:jetzt )?für (?:unseren|den) newsletter|suscríbete a (?:nuestro|nuestra)|"
    r"assine (?:a )?nossa|iscriviti alla (?:nostra )?newsletter|подпишитесь на (?:наш|нашу)|đăng ký nhận bản tin|"
    r"réservé aux abonnés|votre abonnement|your subscription|for subscribers only|subscriber[- ]only|"
    r"nur für abonnenten|ihr abo\b|exclusivo para (?:suscriptores|assinantes)|tu suscripción|sua assinatura|"
    r"riservato agli abbonati|il tuo abbonamento|только для подписчиков|ваша подписка|dành cho thành viên|"
    r"apenas para assinantes|solo para suscriptores|nur für abonnenten|seulement pour les abonnés|"
    r"réservés? aux abonnés|"
    r"apoie o jornalismo|apoya el periodismo|soutenez le journalisme|support (?:our|independent|quality) journalism|"
    r"unterstützen sie (?:unseren|den) journalismus|sostieni il giornalismo|поддержите (?:нашу|независимую) журналистику)"
)
_LOGIN = re.compile(
    r"(?i)\b(?:log ?in|sign in|connectez-vous|identifiez-vous|anmelden|einloggen|inicia sesión|iniciar sesión|"
    r"faça login|accedi|войдите|авторизуйтесь|đăng nhập|přihlaste se|giriş yap|zaloguj)\b"
)
_NO_COMMENTS = re.compile(
    r"(?i)^(?:no comments yet|be the first to comment|aucune réaction|aucun commentaire|soyez le premier|"
    r"noch keine kommentare|sé el primero|todavía no hay comentarios|seja o primeiro|ainda não há comentários|"
    r"nessun commento|sii il primo|комментариев пока нет|будьте первым|chưa có bình luận|hãy là người đầu tiên|"
    r"zatím žádné komentáře|henüz yorum yapılmamış|ilk yorumu)"
)


# a subscribe verb; on a short line with a prompt word ("Newsletter: jetzt kostenlos abonnieren!") it is a prompt
_SUBSCRIBE = re.compile(
    r"(?i)\b(?:subscribe|sign up|abonnieren|abonnez|s'abonner|abonner|suscríbete|suscribite|suscribirse|"
    r"assine|assinar|iscriviti|abbonati|подпишитесь|подписаться|odebírejte|abone ol|zasubskrybuj|"
    r"zapisz się|đăng ký)\b"
)


def is_prompt(line: str) -> bool:
    """A sign-up, paywall or log-in-to-comment prompt anywhere in a short line."""
    s = shape(line)
    if s.n_words > 30 or len(line) > 400:
        return False
    if _PROMPT_ANYWHERE.search(line) or _NO_COMMENTS.match(line.strip()):
        return True
    short = s.n_words <= 8 or (s.n_words <= 12 and not line.rstrip().endswith("."))  # not a sentence
    if short and _SUBSCRIBE.search(line) and _PROMPT_WORDS.search(normalize(line)):
        return True
    return (
        s.n_words <= 15
        and bool(_LOGIN.search(line))
        and bool(_COMMENT_WORD.search(line) or "account" in line)
    )


_TRANSLATION_NOTICE = re.compile(
    r"(?i)(?:(?:this|the) (?:article|text|page|story) (?:was|has been|is) (?:translated )?(?:automatically|"
    r"machine[- ]translated|translated (?:automatically|by machine|by (?:a |an )?(?:machine|automatic|ai)))|"
    r"machine translation|automatic(?:ally)? translat(?:ed|ion)|translated automatically|"
    r"traduit automatiquement|traduction automatique|automatisch übersetzt|maschinell übersetzt|"
    r"maschinelle übersetzung|traducido automáticamente|traducción automática|traduzido automaticamente|"
    r"tradução automática|tradotto automaticamente|traduzione automatica|машинный перевод|"
    r"переведен[аоы]? автоматически|automaticky přeloženo|strojový překlad|otomatik (?:olarak )?çevril|"
    r"dịch tự động)"
)


def is_translation_notice(line: str) -> bool:
    """A note that the page is a machine translation ("This article was translated automatically from
    French. Original version"): what the outlet's software printed, not the article."""
    return len(words(line)) <= 25 and bool(_TRANSLATION_NOTICE.search(line))


def is_punctuation(line: str) -> bool:
    """A line with no letter or digit ("___", "* * *", "•")."""
    return not any(c.isalnum() for c in line)


def is_copyright(line: str) -> bool:
    return len(line) <= 300 and bool(_COPYRIGHT.search(line))


def source_name(line: str) -> str | None:
    """The outlet a "© 2026 Outlet" / "Source: Outlet" / "Nguồn: Outlet" line names."""
    if len(line) > 200:
        return None
    m = _SOURCE.match(line.strip())
    if not m:
        return None
    name = m["name"].strip(" -–—:")
    return name or None


def is_menu(line: str) -> bool:
    """A navigation or footer line: several items split by separators, or a run of capitalised words."""
    if len(line) > 300:
        return False
    parts = [p for p in _MENU_SEPARATORS.split(line.strip()) if p.strip()]
    if len(parts) >= 3 and all(len(words(p)) <= 4 for p in parts):
        return True
    s = shape(line)
    return s.n_words >= 3 and not s.terminal and ui_word_share(line) >= 0.6


def is_sentence(line: str, min_words: int = 5) -> bool:
    """Shaped like prose: enough words and a sentence ending, or long."""
    s = shape(line)
    return (s.terminal and s.n_words >= min_words) or s.n_words >= 30
