"""A synthetic corpus for benchmarks: variants of the sample documents with other provinces,
numbers, dates and agencies, so that a run sees many distinct plans of realistic size and shape."""
from __future__ import annotations

import random
import re
from pathlib import Path

PROVINCES = ["Hà Giang", "Cao Bằng", "Lạng Sơn", "Thái Bình", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
             "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Gia Lai",
             "Đắk Lắk", "Lâm Đồng", "Tây Ninh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Sóc Trăng",
             "An Giang", "Kiên Giang", "Cà Mau", "Bạc Liêu", "Sơn La", "Điện Biên", "Lai Châu", "Yên Bái"]
DISTRICTS = ["Tam Đường", "Mường Tè", "Phong Thổ", "Sìn Hồ", "Than Uyên", "Tân Uyên", "Nậm Nhùn", "Bắc Yên",
             "Mai Sơn", "Quỳnh Nhai", "Thuận Châu", "Yên Châu", "Mộc Châu", "Văn Bàn", "Bảo Yên", "Bát Xát"]
SWAPS = [("Sở Tài chính", "Sở Nội vụ"), ("Sở Tư pháp", "Sở Y tế"), ("Sở Giáo dục và Đào tạo", "Sở Xây dựng"),
         ("Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"), ("Sở Văn hóa", "Sở Công Thương")]
_NUMBER = re.compile(r"(Số:\s*)(\d+)")
_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (20\d\d)")
_PROVINCE = re.compile("|".join(sorted(map(re.escape, PROVINCES + ["Hưng Yên", "Bắc Ninh", "Đồng Nai", "Đồng Tháp",
                                                                      "Hà Nội", "Cần Thơ", "Lào Cai", "Huế"]),
                                          key=len, reverse=True)))


def sources(root: Path, shared: Path | None) -> list[Path]:
    found = sorted((root / "corpus" / "seeds").glob("*.txt"))
    if shared and (shared / "corpus" / "raw").is_dir():
        found += sorted(p for p in (shared / "corpus" / "raw").iterdir() if p.suffix in {".md", ".txt"})
    return found


def variant(text: str, i: int, rng: random.Random) -> str:
    province = PROVINCES[i % len(PROVINCES)]
    text = _PROVINCE.sub(province, text)
    text = text.replace("Tam Đường", DISTRICTS[i % len(DISTRICTS)])
    text = _NUMBER.sub(lambda m: f"{m.group(1)}{rng.randint(1, 2999)}", text, count=1)
    year = rng.choice([2024, 2025, 2026])
    text = _DATE.sub(lambda m: f"ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year}", text)
    for a, b in SWAPS:
        if rng.random() < 0.3:
            text = text.replace(a, "\0").replace(b, a).replace("\0", b)
    return text + f"\n\n(Bản mô phỏng số {i} dùng cho đo hiệu năng.)\n"


def generate(out: Path, n: int, srcs: list[Path], seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in srcs]
    files = []
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        folder = out / f"{i // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        f = folder / f"plan-{i:05d}{suffix}"
        if not f.exists():
            f.write_text(variant(text, i, rng), encoding="utf-8")
        files.append(f)
    return files
