"""Writes demo/site/ and demo/site_gold.jsonl from the series in data.py and the article texts.

The site is static and committed; run `python demo/generator/gen.py` after changing a figure,
so the pages, the feed and the gold stay consistent.
"""
import json
import os
import sys
from datetime import timedelta, timezone
from email.utils import format_datetime
from html import escape

sys.path.insert(0, os.path.dirname(__file__))
from articles_ka import ka_articles
from articles_lc import lc_articles
from articles_other import other_articles

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "site")
GOLD = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "site_gold.jsonl")
SITE = "Bản tin Hải Phòng"
VN_TZ = timezone(timedelta(hours=7))
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
PER_PAGE = 6

DISTRACTORS = [
    ("Quận Hồng Bàng: thu ngân sách 5 tháng đạt 412,6 tỷ đồng",
     "Lũy kế 5 tháng, thu ngân sách nhà nước trên địa bàn quận Hồng Bàng ước đạt 412,6 tỷ đồng, bằng 47,3% dự toán, tăng 5,1% so cùng kỳ."),
    ("Huyện An Lão: giá trị sản xuất nông nghiệp quý I ước đạt 286 tỷ đồng",
     "Quý I, giá trị sản xuất nông, lâm, thủy sản của huyện An Lão ước thực hiện 286 tỷ đồng, đạt 24,1% kế hoạch."),
    ("Công ty CP Vận tải Đông Phong báo lãi quý I đạt 18,4 tỷ đồng",
     "Doanh thu thuần quý I của doanh nghiệp đạt 312,5 tỷ đồng, tăng 6,8% so với cùng kỳ; lợi nhuận sau thuế 18,4 tỷ đồng."),
    ("Hải Phòng: tổng mức bán lẻ hàng hóa 6 tháng tăng 11,2%",
     "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng toàn thành phố 6 tháng ước đạt 74.350 tỷ đồng, tăng 11,2% so với cùng kỳ."),
    ("Quận Ngô Quyền: tháng 4 thu ngân sách ước thực hiện 96.500 triệu đồng",
     "Tháng 4, tổng thu ngân sách trên địa bàn quận Ngô Quyền ước thực hiện 96.500 triệu đồng; 4 tháng ước thực hiện 402.800 triệu đồng."),
    ("Thủy sản Cát Hải xuất khẩu 4 tháng đạt 12,5 triệu USD",
     "Kim ngạch xuất khẩu 4 tháng của doanh nghiệp đạt 12,5 triệu USD, bằng 108,6% so với cùng kỳ năm trước."),
    ("Quận Dương Kinh: giá trị sản xuất công nghiệp 4 tháng ước đạt 1.138,4 tỷ đồng",
     "Giá trị sản xuất công nghiệp 4 tháng của quận Dương Kinh ước đạt 1.138,4 tỷ đồng, tăng 9,3% so cùng kỳ."),
    ("Chuỗi siêu thị Sao Biển đạt doanh thu 6 tháng 540 tỷ đồng",
     "Doanh thu 6 tháng đầu năm của chuỗi siêu thị đạt 540 tỷ đồng, hoàn thành 46% kế hoạch năm."),
]

FOOTER = """<footer class="site-footer">
  <div class="container">
    <p><strong>{site}</strong> – Trang thông tin điện tử tổng hợp (trang mẫu)</p>
    <p>Địa chỉ: Số 12 phố Hoa Mẫu, thành phố Hải Phòng (địa chỉ mẫu) · Điện thoại: 0225 000 0000 · Email: toasoan@vi-du.invalid</p>
    <p>Giấy phép số 12/GP-TTĐT cấp ngày 01/01/2020. Chịu trách nhiệm nội dung: Ban biên tập.</p>
    <p class="disclaimer">Dữ liệu mẫu, không phải số liệu thống kê chính thức.</p>
    <p>© 2023 {site}. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
  </div>
</footer>""".format(site=SITE)


def head(title, extra=""):
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} | {SITE}</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="alternate" type="application/rss+xml" title="{SITE} – Tin kinh tế - xã hội" href="/rss.xml">
{extra}</head>
<body>
<header class="site-header">
  <div class="container">
    <a class="logo" href="/">{SITE}</a>
    <form class="search" action="/" method="get"><input type="text" name="q" placeholder="Tìm kiếm..."><button type="submit">Tìm</button></form>
  </div>
</header>
<nav class="menu">
  <div class="container">
    <ul>
      <li><a href="/">Trang chủ</a></li>
      <li><a href="/index.html">Tin tức</a></li>
      <li><a href="/index.html#kinh-te">Kinh tế</a></li>
      <li><a href="/index.html#van-hoa-xa-hoi">Văn hóa - Xã hội</a></li>
      <li><a href="/lien-he.html">Liên hệ</a></li>
    </ul>
  </div>
</nav>
"""


def date_line(when):
    return f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y %H:%M}"


def iso(when):
    return when.replace(tzinfo=VN_TZ).isoformat()


def url(a):
    return f"/{a.doc}"


def related_links(a, arts, n=5):
    others = [o for o in arts if o is not a]
    i = arts.index(a)
    picked = (others[i:] + others[:i])[:n]
    return "\n".join(f'      <li><a href="{url(o)}">{escape(o.title)}</a> <span class="date">({o.when:%d/%m/%Y})</span></li>' for o in picked)


def distractors(k, n, with_summary):
    items = [DISTRACTORS[(k + j) % len(DISTRACTORS)] for j in range(n)]
    if with_summary:
        return "\n".join(
            f'      <div class="item"><h4><a href="#">{escape(h)}</a></h4><p>{escape(s)}</p></div>' for h, s in items)
    return "\n".join(f'      <li><a href="#">{escape(h)}</a></li>' for h, s in items)


def paragraphs(a, figure_after=None):
    out = []
    for i, p in enumerate(a.paras):
        out.append(f"      <p>{p}</p>")
        if figure_after is not None and i == figure_after:
            out.append(figure(a))
    return "\n".join(out)


def figure(a):
    return (f'      <figure class="image"><img src="{a.image}" alt="{escape(a.caption)}" width="640" height="360">'
            f"<figcaption>{escape(a.caption)}</figcaption></figure>")


def portal_page(a, arts, k):
    body = head(a.title) + f"""<main class="container">
  <div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/index.html">Tin tức</a> › <span>Kinh tế - Xã hội</span></div>
  <div class="row">
    <div class="col-main">
      <div class="date-line"><time datetime="{iso(a.when)}">{date_line(a.when)}</time> <a class="print" href="#" onclick="window.print();return false;">In bài</a></div>
      <article class="news-detail">
      <h1 class="title">{escape(a.title)}</h1>
      <p class="sapo">{escape(a.lead)}</p>
{figure(a)}
      <div class="content">
{paragraphs(a)}
      </div>
      <p class="author">Văn phòng HĐND và UBND quận {a.area}</p>
      </article>
      <div class="share">Chia sẻ: <a href="#">Facebook</a> · <a href="#">Zalo</a> · <a href="#">Gửi email</a></div>
      <div class="tin-khac">
        <h3>Tin khác</h3>
        <ul>
{related_links(a, arts)}
        </ul>
      </div>
    </div>
    <aside class="col-side">
      <div class="box">
        <h3>Tin nổi bật</h3>
        <ul>
{distractors(k, 4, False)}
        </ul>
      </div>
      <div class="box">
        <h3>Liên kết website</h3>
        <ul><li><a href="#">Cổng dịch vụ công (mẫu)</a></li><li><a href="#">Hệ thống văn bản (mẫu)</a></li></ul>
      </div>
    </aside>
  </div>
</main>
""" + FOOTER + "\n</body>\n</html>\n"
    return body


def news_page(a, arts, k):
    extra = (f'<meta property="og:type" content="article">\n'
             f'<meta property="og:title" content="{escape(a.title)}">\n'
             f'<meta property="article:published_time" content="{iso(a.when)}">\n')
    body = head(a.title, extra) + f"""<main class="container newspaper">
  <div class="cat-label"><a href="/index.html#kinh-te">Kinh tế</a> / <a href="/index.html">Địa phương</a></div>
  <article class="article">
    <header>
      <h1>{escape(a.title)}</h1>
      <div class="meta"><span class="byline">{escape(a.byline)}</span> | <time datetime="{iso(a.when)}">{date_line(a.when)}</time></div>
    </header>
    <div class="sapo"><p><strong>{escape(a.lead)}</strong></p></div>
    <div class="detail">
{paragraphs(a, figure_after=1)}
      <p class="source">Nguồn: {escape(a.source)}</p>
    </div>
    <div class="tags">Từ khóa: <a href="#">{a.area}</a>, <a href="#">Hải Phòng</a>, <a href="#">kinh tế địa phương</a></div>
  </article>
  <section class="related">
    <h2>Bài liên quan</h2>
    <ul>
{related_links(a, arts, 3)}
    </ul>
  </section>
  <section class="tin-moi">
    <h2>Tin mới</h2>
{distractors(k, 4, True)}
  </section>
</main>
""" + FOOTER + "\n</body>\n</html>\n"
    return body


def listing_pages(arts):
    pages = [arts[i:i + PER_PAGE] for i in range(0, len(arts), PER_PAGE)]
    paths = ["index.html"] + [f"tin-tuc/trang-{n}.html" for n in range(2, len(pages) + 1)]
    out = {}
    for n, (items, path) in enumerate(zip(pages, paths), start=1):
        title = "Tin kinh tế - xã hội" + ("" if n == 1 else f" – Trang {n}")
        prev_link = next_link = ""
        extra = ""
        if n > 1:
            extra += f'<link rel="prev" href="/{paths[n - 2]}">\n'
            prev_link = f'<a href="/{paths[n - 2]}" rel="prev">« Trang trước</a>'
        if n < len(pages):
            extra += f'<link rel="next" href="/{paths[n]}">\n'
            next_link = f'<a href="/{paths[n]}" rel="next">Trang sau »</a>'
        numbers = " ".join(
            f'<span class="current">{m}</span>' if m == n else f'<a href="/{paths[m - 1]}">{m}</a>'
            for m in range(1, len(pages) + 1))
        rows = "\n".join(f"""    <div class="item">
      <h3><a href="{url(a)}">{escape(a.title)}</a></h3>
      <span class="date">{a.when:%d/%m/%Y %H:%M}</span>
      <p class="lead">{escape(a.lead)}</p>
    </div>""" for a in items)
        out[path] = head(title, extra) + f"""<main class="container">
  <div class="breadcrumb"><a href="/">Trang chủ</a> › <span>Tin tức</span></div>
  <h1 id="kinh-te">Tin kinh tế - xã hội</h1>
  <div class="list-news">
{rows}
  </div>
  <nav class="pagination">{prev_link} {numbers} {next_link}</nav>
</main>
""" + FOOTER + "\n</body>\n</html>\n"
    return out


def rss(arts):
    newest = arts[0].when.replace(tzinfo=VN_TZ)
    items = "\n".join(f"""  <item>
    <title>{escape(a.title)}</title>
    <link>{url(a)}</link>
    <guid isPermaLink="false">{url(a)}</guid>
    <pubDate>{format_datetime(a.when.replace(tzinfo=VN_TZ))}</pubDate>
    <description>{escape(a.lead)}</description>
  </item>""" for a in arts)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>{SITE} – Tin kinh tế - xã hội</title>
  <link>/</link>
  <description>Tin kinh tế - xã hội của các quận Kiến An và Lê Chân (dữ liệu mẫu, không phải số liệu thống kê chính thức)</description>
  <language>vi</language>
  <lastBuildDate>{format_datetime(newest)}</lastBuildDate>
{items}
</channel>
</rss>
"""


CONTACT = head("Liên hệ") + """<main class="container">
  <div class="breadcrumb"><a href="/">Trang chủ</a> › <span>Liên hệ</span></div>
  <h1>Liên hệ</h1>
  <p>Mọi thông tin xin gửi về Ban biên tập qua địa chỉ thư điện tử toasoan@vi-du.invalid.</p>
</main>
""" + FOOTER + "\n</body>\n</html>\n"

CSS = """body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#222;line-height:1.5}
.container{max-width:1080px;margin:0 auto;padding:0 12px}
.site-header{background:#0b4f8a;color:#fff;padding:10px 0}
.site-header .logo{color:#fff;font-size:24px;font-weight:bold;text-decoration:none}
.search{float:right}
.menu{background:#e8eef5;border-bottom:2px solid #0b4f8a}
.menu ul{list-style:none;margin:0;padding:0;display:flex;gap:18px}
.menu a{display:block;padding:8px 0;color:#0b4f8a;text-decoration:none;font-weight:bold}
.breadcrumb{font-size:13px;margin:10px 0;color:#666}
.row{display:flex;gap:24px}.col-main{flex:3}.col-side{flex:1}
.date-line,.meta{color:#888;font-size:13px}
.sapo{font-weight:bold}
figure.image img{max-width:100%;height:auto;background:#ddd}
figcaption{font-size:13px;font-style:italic;color:#555}
.box{border:1px solid #ddd;margin-bottom:16px;padding:8px}
.list-news .item{border-bottom:1px solid #eee;padding:8px 0}
.pagination{margin:16px 0}.pagination .current{font-weight:bold}
.site-footer{background:#0b4f8a;color:#fff;font-size:13px;margin-top:24px;padding:12px 0}
.site-footer .disclaimer{font-weight:bold}
"""

IMAGE_LABELS = {
    "cho-kien-an.svg": "Chợ Kiến An", "giai-chay.svg": "Giải chạy núi Thiên Văn",
    "hoa-phuong.svg": "Hoa phượng đỏ", "hoi-nghi.svg": "Hội nghị",
    "khu-cong-nghiep.svg": "Sản xuất cơ khí", "pho-le-chan.svg": "Phố Lê Chân",
    "pho-tran-thanh-ngo.svg": "Phố thương mại Kiến An", "toan-canh-kien-an.svg": "Toàn cảnh Kiến An",
    "toan-canh-le-chan.svg": "Trung tâm Lê Chân", "trung-tam-thuong-mai.svg": "Trung tâm thương mại",
}

ROBOTS = "User-agent: *\nAllow: /\n"


def svg(label):
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
<rect width="640" height="360" fill="#c9d6e3"/>
<text x="320" y="180" font-family="Arial" font-size="24" text-anchor="middle" fill="#37506b">{escape(label)}</text>
<text x="320" y="215" font-family="Arial" font-size="14" text-anchor="middle" fill="#37506b">Ảnh minh họa (mẫu)</text>
</svg>
"""


def write(path, text):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    arts = ka_articles() + lc_articles() + other_articles()
    arts.sort(key=lambda a: a.when, reverse=True)
    assert len({a.slug for a in arts}) == len(arts)
    for k, a in enumerate(arts):
        page = portal_page(a, arts, k) if a.kind == "portal" else news_page(a, arts, k)
        write(a.doc, page)
    for path, text in listing_pages(arts).items():
        write(path, text)
    write("rss.xml", rss(arts))
    write("robots.txt", ROBOTS)
    write("lien-he.html", CONTACT)
    write("assets/style.css", CSS)
    images = {a.image for a in arts}
    for img in sorted(images):
        write(img.lstrip("/"), svg(IMAGE_LABELS[os.path.basename(img)]))
    with open(GOLD, "w", encoding="utf-8", newline="\n") as f:
        for a in sorted(arts, key=lambda a: a.when):
            for r in a.recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(arts), "articles,", sum(len(a.recs) for a in arts), "records")


main()
