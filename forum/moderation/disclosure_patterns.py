"""The shapes of a first-person disclosure, by kind, as regular expressions over the matching
stream: words without diacritics, doubled letters written once, teencode expanded, "." and ","
standing for sentence and clause breaks ("bố em hay đánh em" → "bo em hay danh em").

Each shape needs a speaker (em, mình, tớ, con, cháu, tôi, I, me, my …) as the subject, the
object or the owner of the perpetrator ("bố em"), or a passive "bị …" opening a clause (Vietnamese
drops the subject: "bị bắt nạt ở trường"). Third persons and generic words ("trẻ em", "các em",
"một bạn") do not count. Between a subject and its verb a few words may stand ("bố em mỗi lần
uống rượu là đánh em"), but never a negation, an opinion or a new clause ("không", "nên", "vì"),
so "bố mẹ em không bao giờ đánh em" and "bố mẹ không nên đánh con" do not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Speaker as subject and as object; "em" is not the speaker in "trẻ em", "các em", "anh em", "một em",
# "em bé" (the checks follow the word, so they run only where "em" is).
_EM = r"em(?<!\btre em)(?<!\bcac em)(?<!\bnhung em)(?<!\banh em)(?<!\bchi em)(?<!\bmot em)(?! be)"
FP = rf"(?:{_EM}|minh|to|tao|con|chau|toi|tui)"
# As an object "con" and "tớ" must not start a noun phrase: "sờ vào con mèo", "chạm vào tờ giấy".
FP_OBJ = (
    rf"(?:{_EM}|minh|tao|chau|toi|tui"
    r"|to(?! (?:giay|bao|lich|tien|roi|khai))"
    r"|con(?! (?:meo|cho|ga|vit|lon|ca|chim|bo|trau|ngua|tho|gau|sau|kien|ong|buom|heo|de|cun|bup be|thu|vat|duong"
    r"|so|nguoi|tau|dao|song|nay|kia|ay|gai|trai)))"
)
KIN = (
    r"(?:bo duong|cha duong|me ke|me ghe|di ghe|bo me|ba me|cha me|bo|ba|cha|me|ma|ong noi|ba noi|ong ngoai"
    r"|ba ngoai|ong|anh trai|chi gai|anh ho|anh|chi|chu|bac|cau|mo|thim|di|co|duong|nguoi yeu cua me"
    r"|ban trai cua me|ban trai me|chong cua me|vo cua bo)"
)
# Adults who may hurt a child, named without "my": parents, step-parents, grandparents, teachers.
ADULT = (
    r"(?:bo duong|cha duong|me ke|me ghe|di ghe|duong|bo me|ba me|cha me|bo|ba|cha|me|ma|ong noi|ba noi"
    r"|ong ngoai|ba ngoai|ong|thay giao|co giao|thay|co chu nhiem|thay chu nhiem)"
)
# Up to eight words between a subject and its verb, none of them a negation, an opinion, a
# hypothesis or the start of a new clause.
GAP = (
    r"(?:(?!(?:khong|chua|chang|cha|nen|neu|vi|de|khi nao|nhung|gia su|never|not|don|should)\b)"
    r"[a-z0-9]+ ){0,8}"
)
# The start of a clause: the start of the post, after "." or ",", or after a conjunction.
START = r"(?:(?<![a-z0-9])(?<![a-z0-9] )|\b(?:va|nhung|vi|roi) )"
ADV = (
    r"(?:(?:hay|thuong|thuong xuyen|luon|cu|da|lai|van|toan|suot|vua|moi|hom qua|hom nay|toi qua|hang ngay"
    r"|moi ngay|ngay nao cung|rat|cung|dang|bat dau|lien tuc|nhieu lan|tung|thi|hay la|cu hay|co khi"
    r"|doi khi|suot ngay|con|la) ){0,3}"
)
SPEAKER_OR_START = rf"(?:\b{FP} |{START}){ADV}"
HIT = (
    r"(?:danh dap|danh|(?<!\bxe )dap(?! xe)|tat|dam|quat|bop co|bop|nhot|troi|xich|tra tan|hanh ha|nguoc dai"
    r"|bao hanh|ngoc dau|giat toc|keo toc|dot|cau|beo|veo|xoan tai|vut|nem|xo|da|chich|bat quy)"
)
# Where a blow lands: "tát vào mặt em", "véo tai em".
BODY = r"(?:vao )?(?:(?:tai|tay|mat|dau|lung|chan|mong|dit|bung|co|mieng|ma|toc|vai|nguoi|dui) (?:cua )?)?"
VICTIM = rf"(?:{FP_OBJ}|{KIN} {FP}|ca nha|anh em {FP}|chi em {FP}|(?:hai |ba )?(?:me con|bo con|chi em|anh em) {FP})"

EN_ADV = (
    r"(?:(?:always|often|sometimes|still|usually|keeps|will|would|really|also|just|again|even|constantly"
    r"|when he is drunk|when she is drunk) ){0,3}"
)
EN_FAMILY = (
    r"(?:my|our) (?:dad|daddy|father|mom|mommy|mum|mummy|mother|parents|stepdad|stepfather|stepmom|stepmother"
    r"|uncle|aunt|brother|sister|grandpa|grandfather|grandma|grandmother|mom s boyfriend|mum s boyfriend|teacher"
    r"|coach)"
)
EN_HIT = (
    r"(?:hits?|hitting|beats?|beating|hurts?|kicks?|kicked|slaps?|slapped|punch(?:es|ed)?|burns?|burned|chokes?"
    r"|choked|locks?|locked|whips?|whipped|abuses?|abused|beat|hit)"
)
I_AM = r"i (?:am|m)"
# Teencode reads a lone "a" as "anh": English patterns accept both.
A = r"(?:a|anh)"
DONT = r"(?:don t|dont|do not|didn t|did not)"
STRANGER = (
    r"(?:tren mang|qua mang|mang xa hoi|tren game|trong game|qua (?:facebook|fb|zalo|tiktok|instagram|insta"
    r"|messenger|discord|roblox|game)|tren (?:facebook|fb|zalo|tiktok|instagram|insta|messenger|discord|roblox)"
    r"|nguoi la|(?:chu|ong|co|anh|chi|bac|nguoi) (?:la|kia|do)|mot nguoi lon|ai do|mot chu|mot ong|mot anh)"
)
# What makes a photo or video request sexual.
EXPOSED = (
    r"(?:nong|khoa than|nude|sex|sexy|kin|nhay cam|ho hang|khong mac (?:quan ao|do|gi|ao)|khong co quan ao"
    r"|trong luc tam|luc tam|khi tam|dang tam|than the|vung kin|ngực|nguc|do lot|quan lot)"
)

# Work no child should be made to do, or do instead of school.
WORK = (
    r"(?:lam thue|lam cong|ban ve so|ban hang rong|ban (?:banh|bao|keo|hoa|rau|nuoc|do)|phu ho|khuan vac"
    r"|nhat ve chai|nhat rac|cho hang|cong hang|xin tien|an xin|lam (?:o|tai) (?:xuong|quan|nha hang|cong truong"
    r"|lo gach|ruong|mo)|di lam (?:thue|ca ngay|kiem tien|nuoi|tu sang|o|tai)|(?:[a-z]+ ){1,2}thue"
    r"|chan (?:trau|bo|de|vit|ga)|lam (?:ruong|nuong)|hai (?:che|ca phe)|lam viec (?:ca ngay|den toi"
    r"|den khuya|kiem tien|nang|o|tai)|kiem tien (?:nuoi|tra no|cho bo|cho me|cho gia dinh)|lam (?:ca ngay|suot ngay))"
)
PEERS = (
    r"(?:cac ban|ban|ban ay|may ban|mot so ban|mot vai ban|nhom ban|dam ban|lu|bon|chung no|tui no|bon no|no"
    r"|anh chi lop tren|cac anh chi|cac anh|cac chi|may dua|dua|ca lop|moi nguoi|hoc sinh|may anh|may chi)"
)
BULLY = (
    r"(?:bat nat|danh hoi dong|danh|treu choc|treu|choc gheo|choc|che gieu|che cuoi|cuoi nhao|chui boi|chui|doa"
    r"|de doa|tay chay|co lap|xa lanh|lay do|lay tien|lay het|tran lot|giau do|xe vo|quay clip|tung anh|boi nho"
    r"|noi xau|xo|nhot|chan duong|veo|tat|dam|da|(?<!\bxe )dap(?! xe)|cau|quat|lay mat (?:do|tien|sach|but|cap|dep)"
    r"|bat (?:nop|dong|dua) tien|cuoi nhao|chan(?= (?:em|minh|to|tui|toi) (?:o|lai|trong|ngoai|tai)))"
)

# Cues before a match, in the same clause, that make it talk about a topic rather than a disclosure.
TOPIC_CUES = re.compile(
    r"\b(?:nen|khong nen|phong chong|phong tranh|phong ngua|cach|hoc ve|tim hieu|tuyen truyen|bai hoc|chu de"
    r"|bo phim|phim|truyen|cau chuyen|cuon sach|bai bao|doc bao|tin tuc|nghe noi|neu|gia su|lo nhu|nhu the nao"
    r"|bai van|ke ve|noi ve|viet ve"
    r"|lam sao de|lam the nao|chung ta|moi nguoi|tre em|khong ai duoc|khong ai co quyen|khong duoc phep"
    r"|khong cho phep|khong bao gio|chua bao gio|khong he|dung bao gio|bao ve ban than|ky nang"
    r"|should|how to|how can|prevent|learn|awareness|if|what if|movie|story|film|book|news|people who|kids who"
    r"|children who|never|teach|campaign|we must|we need to)\b"
)
CLAUSE_START = re.compile(r".*(?:^|[.,] |\bvi |\bnhung |\btai vi |\bboi vi |\bbecause |\bbut )", re.DOTALL)
# The safety net: words that name a harm outright. In a sentence where the child speaks of
# themself (FP or I/me/my), with no topic cue and no negation just before, they are a disclosure
# even when the sentence has a shape the patterns above do not know.
STRONG_HARM = (
    r"\b(?:bao hanh|nguoc dai|hanh ha|tra tan|danh dap|an don|danh don|bat tai|tat tai|tat vao mat|danh vao dau"
    r"|xam hai|xam pham|sam so|quay roi|hiep dam|so mo|so soang|khoa than|anh nong|anh nude|vung kin|cho kin"
    r"|ngoi len dui|tu tu|tu sat|chi muon chet(?! cuoi)|thiet song"
    r"|chan song|tu lam dau|tu hai|tu lam hai|rach tay|cat tay|cham vao tay|lam thue|ban ve so|phu ho|an xin"
    r"|quan nhau|chan bo|chan trau|bat nat|tran lot|doi tien|tay chay|co lap|lap nhom|bo doi|nhin doi|bo mac"
    r"|bo roi|khong ai lo|tu kiem an|duoi ra khoi nha"
    r"|abused|abuse me|beats me|kicks me|hits me|slaps me|punches me|molested|raped|nudes?|naked|suicide|suicidal"
    r"|kill myself|point of living|bully|bullied|bullies|starving|no food|push me around|call me (?:fat|ugly|names)"
    r"|(?:push|pushes|pushed|shove|shoves|shoved|trip|trips|tripped) me|(?:steal|steals|stole) my"
    r"|do con hoang|do vo dung|do an hai|khong ai can (?:em|minh|toi|to|tui)|nobody (?:needs|wants|loves) me)\b"
)
SPEAKER = re.compile(rf"\b(?:{FP}|i|me|my|myself)\b")
# Other people a harm word may be about: the nearest person before it (or the first after it)
# must be the speaker.
PERSON = re.compile(
    rf"\b(?:(?P<speaker>{FP}|i|me|my|myself)|cac ban|ban ay|nhieu ban|mot ban|ban nao|ban|tre em|hoc sinh"
    r"|nguoi ta|co ay|cau ay|anh ay|chi ay|no|ho|he|she|they|people|kids|children)\b"
)
# Negation in the few words before a harm word ("em không bị bắt nạt", "I never hit").
NEGATED = re.compile(r"\b(?:khong|chua|chang|cha|never|not|don t|dont|no one|nobody|khong ai)(?: [a-z]+){0,3} $")

# Secrecy on its own can be a surprise party; with any of these it is grooming.
GROOMING_CUES = re.compile(
    r"\b(?:cham|so|om|hon|gap|coi|anh|hinh|video|tren mang|nguoi la|tien|phong|nha nghi|khach san|di choi"
    r"|tin nhan|nhan tin|online|chat|touch|touched|photos?|pics?|meet|online|gifts?|money)\b"
)


@dataclass(frozen=True, slots=True)
class Shape:
    """One disclosure shape of a kind; a secrecy shape counts only with a grooming cue in the post."""

    kind: str
    pattern: str
    needs_grooming_cue: bool = False


SHAPES: tuple[Shape, ...] = (
    # Violence at home (and by teachers).
    Shape(
        "violence",
        rf"\b{KIN} (?:cua )?{FP} {GAP}{HIT}(?: {HIT})?(?: (?:va|roi) (?:{HIT}|de doa|doa|chui|mang))?(?: nhau)?"
        rf" (?:ca )?{BODY}{VICTIM}\b"
        rf"|\b{ADULT} {GAP}{HIT}(?: {HIT})? (?:ca )?{BODY}{VICTIM}\b"
        rf"|{SPEAKER_OR_START}bi {ADV}(?:{KIN} (?:{FP} )?|nguoi lon |ho |no )?{GAP}"
        r"(?:danh dap|danh don|an don|danh|(?<!\bxe )dap(?! xe)|tat|dam|quat|bop co|nhot|troi|xich|tra tan|hanh ha"
        r"|nguoc dai|bao hanh|dot|ngoc dau|giat toc|veo tai|xoan tai|bat quy)\b"
        rf"|\b(?:bo me|ba me|cha me) {FP} {ADV}danh nhau\b",
    ),
    Shape("violence", rf"\b{FP} {ADV}(?:rat |that |rat la )?so (?:phai )?ve nha\b"),
    Shape(
        "violence",
        rf"\b{EN_FAMILY} {EN_ADV}(?:\w+ ){{0,3}}{EN_HIT} (?:me|us|my (?:mom|mum|mother|sister|brother))\b"
        r"|\bi (?:get|got|am|m|was|have been) (?:being )?(?:hit|beaten|abused|slapped|kicked|punched|locked in"
        r"|locked up|burned)\b"
        rf"|\b(?:he|she|they) {EN_ADV}(?:hits?|beats?|beat|hurts?|kicks?|slaps?|punch(?:es)?|chokes?) me\b"
        rf"|\b{I_AM} (?:so |really |very )?(?:scared|afraid|terrified) (?:of (?:my )?(?:dad|father|mom|mum|mother"
        r"|stepdad|stepfather|parents|uncle)|to go home)\b",
    ),
    # Sexual abuse and grooming.
    Shape(
        "sexual",
        r"\bso (?:vao|len|mo|soang|nan)(?: (?:nguoi|nguc|vung kin|cho kin|mong|dui|quan|than the))?"
        rf" (?:cua )?{FP_OBJ}\b"
        rf"|\b(?:so|so mo|so soang) (?:vao )?(?:vung kin|cho kin|nguc|mong|dui|quan) (?:cua )?{FP_OBJ}\b"
        rf"|\bcham (?:vao )?(?:nguoi |vung kin |cho kin |nguc |mong |dui |than the )?(?:cua )?{FP_OBJ}\b"
        rf"|\b(?:bat|bao|ep|doi|du|nho|muon) {FP_OBJ} (?:phai )?(?:coi|thao) (?:het )?(?:quan ao|quan|ao|do)\b"
        rf"|\bcoi (?:quan ao|quan|ao|do) (?:cua )?{FP_OBJ}\b",
    ),
    Shape(
        "sexual",
        rf"\b(?:gui|chup|xem|doi|xin|muon|bao|bat|du|ep|nan ni)(?: [a-z]+){{0,3}} (?:anh|hinh|video|clip)"
        rf"(?: [a-z]+){{0,4}} {EXPOSED}\b",
    ),
    Shape(
        "sexual",
        rf"\b(?:bat|bao|dan|ep|doa|de nghi|yeu cau) {FP_OBJ} (?:phai )?(?:giu bi mat|dung (?:noi|ke|bao)"
        r"(?: voi| cho)? (?:ai|bo me|bo|me|ba|nguoi lon|co giao|thay co|gia dinh)|khong duoc (?:noi|ke)"
        r"(?: voi| cho)? (?:ai|bo me|nguoi lon))",
        needs_grooming_cue=True,
    ),
    Shape(
        "sexual",
        rf"\b{STRANGER}(?: [a-z]+){{0,6}} (?:muon|doi|hen|ru|bat|bao|du|ep|nan ni|keo|dan)(?: [a-z]+){{0,2}}"
        r" (?:gap|gap mat|di choi|den nha|ve nha|len phong|nha nghi|khach san|len xe|di theo|vao nha)\b"
        rf"|\b(?:ru|bat|hen|dua|dan|du) {FP_OBJ} (?:[a-z]+ ){{0,2}}(?:vao |den |ra |toi )?(?:nha nghi|khach san)\b"
        rf"|\b{STRANGER} (?:[a-z]+ ){{0,3}}(?:du|keo|ep) {FP_OBJ} (?:len xe|di theo|vao nha|ve nha|di choi)\b",
    ),
    Shape(
        "sexual",
        rf"{SPEAKER_OR_START}bi (?:[a-z]+ ){{0,3}}?(?:xam hai|xam pham|quay roi|sam so|hiep dam|cuong hiep|lam nhuc"
        r"|dung cham|so mo|so soang|lam chuyen do|giao cau|du do|bat coc|lam dieu xau)\b"
        r"|\b(?:xam hai|hiep dam|quay roi|sam so|lam chuyen do voi|lam chuyen xau voi|lam dieu xau voi"
        rf"|giao cau voi|du do) {FP_OBJ}\b"
        rf"|\b(?:bat|ep|cho|du|bao) {FP_OBJ} xem (?:phim|anh|video|clip) (?:sex|nguoi lon|khieu dam|nong|den"
        r"|cap ba|khoa than|nude)\b",
    ),
    Shape(
        "sexual",
        r"\b(?:chu|bac|thay|ong|anh|nguoi|ai do|no|han|hang xom|nguoi la|mot nguoi)(?: [a-z]+){0,3}"
        rf" (?:hon|om|vuot ve|boc) (?:vao |len )?(?:[a-z]+ ){{0,2}}{FP_OBJ}\b(?: [a-z]+){{0,6}} (?:so|kho chiu"
        r"|khong thich|dau|bi mat|dung noi|khong muon)\b",
    ),
    Shape(
        "sexual",
        rf"\b(?:someone|somebody|he|she|they|{A} man|{A} woman|{A} stranger|an adult|my (?:uncle|coach|teacher"
        r"|stepdad|stepfather|neighbour|neighbor|cousin|brother|tutor|dad|father|grandpa)|our neighbou?r)"
        rf" {EN_ADV}(?:touched|touches|touch|kissed|groped|gropes|molested|molests|raped|rapes|abused|abuses"
        r"|undressed|filmed) (?:me|my (?:body|private|privates|private parts|chest|butt|bum))\b"
        r"|\bi (?:was|am|m|got|get|have been) (?:being )?(?:touched|molested|raped|sexually abused|abused|groomed"
        r"|harassed|sexually harassed)\b"
        r"|\b(?:asked|asks|asking|told|tells|wanted|wants|forced|made|pressured|begged) me (?:for|to)(?: [a-z]+){0,4}"
        r" (?:(?:nude|nudes|naked|sexy|private|dirty|topless)\b|(?:photos?|pics?|pictures?|selfies?|videos?)"
        r"(?: [a-z]+){0,2} (?:without (?:clothes|my clothes|a shirt)|naked|nude|in (?:my )?underwear))"
        rf"|\b(?:someone|{A} man|{A} stranger|an adult|{A} guy|{A} person|he|she)(?: i (?:met|talk to|chat with))?"
        rf"(?: online| on (?:instagram|tiktok|discord|roblox|facebook|snapchat|the internet|{A} game))?"
        r"(?: \w+){0,2} (?:wants|wanted|asked|asks|keeps asking|invited) (?:me )?to meet(?: me| up)?\b",
    ),
    Shape(
        "sexual",
        rf"\b(?:told|tells|asked|made|makes|wants) me (?:to )?(?:keep (?:it |this |that )?(?:{A} )?secret"
        r"|not (?:to )?tell (?:anyone|anybody|my parents|my mom|my dad|my mum))"
        rf"|\b{DONT} tell (?:your|my) (?:parents|mom|mum|dad)\b",
        needs_grooming_cue=True,
    ),
    # Self-harm and suicidal thoughts.
    Shape(
        "self_harm",
        rf"\b{FP} {ADV}(?:(?:chi|that su|thuc su|rat|cung|nhieu luc|co luc|doi khi|hay|dang|da|tung) ){{0,2}}"
        r"(?:muon|dinh|mong|uoc|nghi den (?:viec )?|nghi toi (?:viec )?|co y dinh|quyet dinh|thay minh nen)"
        r" ?(?:duoc )?(?:chet|tu tu|tu sat|bien mat(?! khoi (?:lop|truong|cho|phong|day))"
        r"|ket thuc (?:cuoc song|cuoc doi|tat ca|moi thu)"
        r"|ngu mai khong (?:day|tinh)|roi khoi (?:the gioi|cuoc doi) nay|khong ton tai)\b"
        r"(?! (?:mat|di duoc|roi|oi|thoi|luon|cuoi))",
    ),
    Shape(
        "self_harm",
        rf"{SPEAKER_OR_START}(?:(?:khong|chang|cha|cung khong|chang con|khong con|chang thiet)"
        r" (?:con )?(?:muon|thiet) song"
        r"(?: nua| tiep)?|chan song|song (?:de )?lam gi nua|song khong (?:con )?y nghia|khong con ly do (?:gi )?de song"
        r"|ghet ban than|ghet chinh minh|la ganh nang|la ke vo dung|chet di cho xong|chet di cho roi|chet quach di)\b",
    ),
    Shape(
        "self_harm",
        rf"{SPEAKER_OR_START}(?:(?:dung|lay|cam) (?:[a-z]+ ){{1,3}})?(?:tu )?(?:lam dau|lam hai|hanh ha|cat|rach|dot"
        r"|cao|dam) (?:ban than|chinh minh|minh|tay|co tay|vao tay|chan|dui)\b(?! ao)"
        rf"|{SPEAKER_OR_START}tu (?:cat|rach|hai|lam hai|lam dau|dot|dam)\b"
        rf"|{SPEAKER_OR_START}(?:muon |dinh |da tung |tung |thu )?(?:nhay lau|nhay cau|nhay song|treo co"
        r"|uong thuoc ngu|uong thuoc chuot|uong ca lo thuoc|uong thuoc de chet|cat co tay|rach co tay)\b",
    ),
    Shape(
        "self_harm",
        r"\bi (?:really |just |sometimes |still |often )?(?:want|wanna|wanted|wish|plan|am going|m going"
        r"|feel like|think about|thought about|keep thinking about|tried|try) (?:to |i was |i were |about )?"
        r"(?:die(?! (?:my|her|his) hair)|dead|kill(?:ing)? myself|end (?:it all|my life|it)|disappear"
        r"|hurt(?:ing)? myself|cut(?:ting)? myself|not be here|not wake up)\b"
        r"|\bi (?:\w+ )?(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|starve|starving) myself\b"
        rf"|\bi {DONT} want to (?:live|be alive|exist|wake up)\b"
        r"|\b(?:suicidal|no reason to live|better off dead|hate my life|kill myself)\b"
        r"|\b(?:don t|do not|can t|cannot) see (?:the|any) point (?:of|in) (?:living|life|going on|being alive)\b",
    ),
    # Child labour.
    Shape(
        "labour",
        rf"\b(?:bat|ep) {FP_OBJ} (?:phai )?(?:nghi hoc |bo hoc )?(?:de )?(?:di )?"
        rf"(?:{WORK}|ban|ban hang|lam viec(?! nha)"
        r"|di lam(?! bai)|lam den (?:toi|khuya|dem)|kiem tien)\b"
        rf"|\b{FP} {GAP}(?:phai|bi bat|bi ep) (?:{GAP}){WORK}"
        rf"|{SPEAKER_OR_START}(?:khong duoc|khong cho|bi cam|khong the) (?:di )?hoc (?:nua|vi phai|de (?:di )?lam"
        r"|ma phai|tu lau|may thang|ca nam)"
        rf"|{SPEAKER_OR_START}(?:phai )?(?:bo hoc|nghi hoc) (?:de|di|ma) (?:di )?(?:lam|kiem tien|ban)",
    ),
    Shape(
        "labour",
        r"\bi (?:have|had|must|need) to (?:work|sell(?: [a-z]+){0,2}|beg|carry [a-z]+|collect [a-z]+)"
        rf" (?:[a-z]+ ){{0,2}}(?:all day|every day|every night|at night|in {A} factory|instead of|to help"
        r"|and can t go|and cannot go|so i can t|until late|till late)"
        rf"|\b(?:{EN_FAMILY}|they) (?:make|makes|made|force|forces|forced|send|sends|sent) me"
        r" (?:to )?(?:work|sell|beg)\b"
        r"|\bi (?:can t|cannot|can not|don t|do not) go to school (?:because|anymore|since)"
        r" (?:i have to work|i work|of work)",
    ),
    # Shapes added from a second, independently written set of disclosures.
    Shape(
        "violence",
        rf"\b(?:{ADULT}|{KIN} (?:cua )?{FP}) {GAP}(?:nem|choi|phang|quang|ban|vut) (?:[a-z]+ ){{0,3}}(?:vao|trung)"
        rf" (?:nguoi |mat |dau |lung )?(?:cua )?{FP_OBJ}\b"
        r"|\b(?:chi|anh|me|ma|ba|bo|cha|em gai|em trai) (?:cua )?(?:em|minh|toi|tui|to) "
        rf"{ADV}bi (?:{ADULT} |{KIN} |nguoi lon )?{GAP}(?:danh|dap|tat|dam|quat|bop co|dot|hanh ha|bao hanh)\b",
    ),
    Shape(
        "sexual",
        rf"\bso (?:nguoi|nguc|vung kin|cho kin|mong|dui|than the|khap nguoi) (?:cua )?{FP_OBJ}\b"
        r"|\b(?:bo duong|cha duong|chu|bac|cau|duong|anh ho|ong|thay|nguoi la|hang xom|anh trai|nguoi yeu cua me)"
        rf"(?: (?:cua )?{FP})? {ADV}(?:len |lan |tu )?(?:vao|sang|chui vao|len|mo cua vao) (?:phong|giuong)"
        rf"(?: (?:cua )?{FP_OBJ})?(?: [a-z]+){{0,2}} (?:luc|khi|ban dem|dem|nua dem|toi|moi toi|moi dem)\b",
    ),
    Shape(
        "sexual",
        r"\b(?:keeps|kept|always|keep) (?:touching|grabbing|kissing|hugging) me\b"
        r"|\b(?:touching|touches|touched|kisses|kissed|grabs|grabbed) me (?:and|but) i (?:don t|do not|didn t|did not)"
        r" (?:like|want)"
        r"|\b(?:photos?|pics?|pictures?|videos?|selfies?) of (?:my body|me naked|me without|my private|me in (?:my )?"
        r"underwear|me in the shower)"
        r"|\b(?:comes|came|keeps coming|sneaks|sneaked|gets) into my (?:room|bed|bathroom)(?: [a-z]+){0,2}"
        r" (?:at night|when i|while i)"
        r"|\b(?:makes|made|forces|forced|shows|showed) me (?:watch|look at|see) (?:bad|dirty|adult|sex|porn|naked"
        r"|rude)(?: [a-z]+)? (?:videos?|movies?|films?|pictures?|photos?|things)\b",
    ),
    Shape(
        "self_harm",
        rf"\b{FP} {ADV}(?:muon|mun|mon) (?:chet|tu tu)\b(?! (?:mat|cuoi))"
        rf"|\b{FP} {ADV}(?:nghi|thay|cam thay|mong)(?: la| rang)? (?:{FP} )?(?:chet|bien mat|khong con)"
        r" (?:di )?(?:thi|cho|la)\b"
        rf"|{SPEAKER_OR_START}(?:uong|nuot) (?:het |ca |nhieu )?(?:mot )?(?:vi|lo|hop|chai|nam|vien|nhieu vien) thuoc\b"
        r"|\b(?:nobody|no one) (?:would|will) (?:care|notice|miss me|be sad) if i (?:died|die|was gone|were gone"
        r"|disappeared|disappear)"
        r"|\bi (?:\w+ )?(?:cut|cutting|burn|burning|scratch|scratching) my (?:arms?|wrists?|thighs?|skin)\b",
    ),
    Shape(
        "neglect",
        rf"\b(?:{ADULT}|{KIN} (?:cua )?{FP})(?: (?:cua )?{FP})? {ADV}(?:khong|chang) (?:cho|de) {FP_OBJ}"
        r" (?:an|an com|an uong|uong nuoc)\b"
        rf"|\bduoi {FP_OBJ} (?:ra khoi nha|ra ngoai duong|ra duong|di khoi nha)\b",
    ),
    Shape(
        "labour",
        r"\bi (?:have|had|must|need) to (?:work|sell|beg)(?: [a-z]+){0,4} (?:after school|every evening|at the market"
        r"|on the street|and i (?:can t|cannot)|so i (?:can t|cannot)|instead of (?:school|playing|homework))",
    ),
    # Shapes added from a third set of disclosures.
    Shape(
        "violence",
        rf"\b(?:loi|keo|bat|tum|nam toc) {FP_OBJ} (?:ra |vao |lai |xuong )?(?:de )?(?:danh|dap|tat|dam|danh dap)\b"
        rf"|\b(?:doa|de doa|hay doa|noi) (?:se )?(?:giet|danh chet|dot|dam|bop co|chem) {FP_OBJ}\b",
    ),
    Shape(
        "sexual",
        r"\blam (?:nhung |may |cac )?(?:chuyen|dieu|viec) (?:ma )?"
        rf"{FP} (?:khong thich|khong muon|rat so|so lam|thay so|thay ghe)\b"
        rf"|\b(?:nhin|xem|ngam|nhin trom|quay|chup|rinh) {FP_OBJ} (?:tam|thay do|thay quan ao|di ve sinh|ngu)\b",
    ),
    Shape(
        "self_harm",
        rf"\b{FP} {ADV}(?:[a-z]+ ){{0,5}}(?:muon|dinh|tinh|nghi den viec) nhay (?:xuong|tu tren|khoi|lau|cau|song)\b"
        rf"|\b(?:uoc|uoc gi|uoc chi|mong) (?:{FP} )?(?:chua tung|chua bao gio|khong|dung)"
        r" (?:duoc )?(?:sinh ra|ra doi)\b"
        r"|\bi wish i (?:was|were|had) never (?:been )?born\b",
    ),
    Shape(
        "neglect",
        rf"\b(?:bat|ep) {FP_OBJ} (?:phai )?(?:nhin an|nhin doi|nhin com|nhin)\b"
        rf"|\b(?:khong cho|cam) (?:{FP_OBJ} )?(?:di )?hoc(?! (?:them|ve|bai|nhom))\b"
        r"|\bi (?:am|m) not allowed to eat\b"
        rf"|\b(?:{EN_FAMILY}|they) (?:don t|do not|won t|will not) let me (?:eat|go to school)\b",
    ),
    Shape(
        "bullying",
        rf"\b(?:dang|tung|dua|gui|chia se) (?:anh|hinh|clip|video) (?:cua )?{FP_OBJ}\b"
        r"|\bchup (?:anh |hinh |len )?(?:em|minh|to|tui|toi) (?:roi|de|va|xong) (?:dang|tung|gui|che|cuoi)\b"
        r"|\b(?:made|make|makes|forced) me (?:give|hand over|pay)\b(?: [a-z]+){0,3}"
        r"|\b(?:said|say|says) (?:they|he|she) (?:would|will) (?:hurt|hit|beat|kill) me\b",
    ),
    Shape(
        "labour",
        r"\bi (?:work|sell [a-z]+|have to work)(?: [a-z]+){0,5} (?:until|till) (?:midnight|late|night)"
        r"|\b(?:and|so) (?:i )?(?:can t|cannot) go to school\b",
    ),
    # Bullying.
    Shape(
        "bullying",
        rf"\b{PEERS}(?: (?:trong|cung|o|lop) (?:lop|truong|tren|ben canh|ben|xom))? {GAP}{BULLY}(?: (?:va|roi) [a-z]+"
        rf"(?: [a-z]+)?)? (?:cua )?{FP_OBJ}\b(?! (?:cuoi|vui|hoc|choi))"
        rf"|{SPEAKER_OR_START}bi (?:[a-z]+ ){{0,4}}?(?:{BULLY}|goi la|danh(?! (?:roi|rang|thuc|dan|dau|gia|vong)))\b"
        rf"|\bkhong (?:ai|ban nao|mot ai) (?:choi|noi chuyen|chiu choi|muon choi|ngoi) (?:cung |voi |gan )?{FP_OBJ}\b"
        rf"|\b(?:ca lop|moi nguoi|tat ca cac ban|ai cung) (?:deu )?(?:ghet|tranh|xa lanh|tay chay|co lap"
        rf"|che gieu|khinh) {FP_OBJ}\b",
    ),
    Shape(
        "bullying",
        r"\b(?:they|kids|students|classmates|people|everyone|some (?:boys|girls|kids)|the (?:boys|girls|kids"
        r"|older kids)|other (?:kids|students)|my classmates|boys|girls)(?: (?:at|in) (?:school|my class|class))?"
        rf" {EN_ADV}(?:bully|bullies|bullied|tease|teases|teased|hit|hits|beat|beats|kick|kicks|push|pushes"
        r"|pick on|picks on|make fun of|made fun of|laugh at|laughs at|laughed at|ignore|ignores|threaten|threatens"
        r"|harass|harasses|insult|insults|steal from|stole from|call) me\b"
        r"|\b(?:post|posts|posted|say|says|said|write|writes|spread|spreads) (?:mean|bad|nasty|horrible|rude|fake)"
        r" (?:things|stuff|comments|rumours|rumors|lies|photos|pictures) about me\b"
        r"|\bi (?:am|m|get|got|was|have been|keep getting)(?: being)? (?:bullied|cyberbullied|picked on|teased"
        r"|excluded)\b"
        r"|\b(?:nobody|no one|noone) (?:talks|plays|sits|wants to play|wants to talk|likes|talk) (?:to |with"
        r" |next to )?me\b",
    ),
    # Neglect.
    Shape(
        "neglect",
        rf"{SPEAKER_OR_START}(?:thuong |hay |thuong xuyen )?bi (?:[a-z]+ ){{0,2}}?"
        r"(?:bo doi|nhin doi|bo mac|bo roi|bo mot minh"
        r"|bo o nha mot minh|duoi ra khoi nha|duoi ra ngoai|duoi ra duong|nhot ngoai|bo lai)\b"
        rf"|\bkhong (?:ai|ai ca) (?:cho {FP_OBJ} an|nau (?:com )?cho {FP_OBJ}|cham soc {FP_OBJ}|lo cho {FP_OBJ}"
        rf"|quan tam (?:den |toi )?{FP_OBJ})"
        rf"|\b{FP} {ADV}(?:phai )?(?:nhin doi|khong co gi (?:de )?an|khong co com (?:de )?an"
        r"|doi (?:ca ngay|may ngay|lam) (?:ma|vi) khong (?:co|ai)|phai ngu ngoai duong|ngu ngoai duong"
        r"|phai tu kiem an|o nha mot minh (?:ca tuan|nhieu ngay|may ngay|suot))"
        rf"|\b{ADULT}(?: {FP})? {GAP}(?:bo|de) {FP_OBJ} (?:o nha )?(?:mot minh|lai) (?:ca tuan|nhieu ngay"
        r"|may ngay|suot|ca dem|qua dem|de di)",
    ),
    Shape(
        "neglect",
        r"\b(?:nobody|no one)(?: at home)? (?:feeds|gives me food|cooks for|takes care of|looks after) me\b"
        r"|\bi (?:have|get|got) (?:nothing|no food) to eat\b"
        r"|\bthere is no food\b"
        rf"|\b(?:{EN_FAMILY}|they) (?:don t|do not|won t|will not|never) (?:give|let) me (?:any )?(?:food|eat)\b"
        rf"|\b{I_AM} (?:always |often )?(?:hungry|starving) (?:because|and) (?:there is no|nobody|no one|my parents)"
        r"|\b(?:my parents|they|my mom|my dad|my mum) (?:left|leave|leaves) me (?:alone|home alone|by myself)"
        r" (?:for|all)",
    ),
)
