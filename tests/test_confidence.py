"""The pair confidence (nlp/confidence.py): features of what the parser saw, weights trained on the gold."""
from kehoach.models import AgencyRef, Task
from kehoach.nlp.confidence import PairContext, confidence, features, name_features, rate


def _ctx(name: str, **kw) -> PairContext:
    base = dict(zone="body", mode="all", cue="heading", shape="heading", family="directive", role="lead", name=name,
                duty="Chủ trì, phối hợp với các sở, ngành tổ chức tuyên truyền về phòng chống ma túy.", has_deadline=False)
    base.update(kw)
    return PairContext(**base)


def test_names_that_are_no_whole_agency_are_told_apart():
    assert name_features("Sở Tài chính") == []
    assert "name:bare" in name_features("Sở") and "name:bare" in name_features("Văn phòng")
    assert "name:generic" in name_features("các cơ quan, đơn vị có liên quan")
    assert "name:dangling" in name_features("Ủy ban nhân dân tỉnh và")
    assert "name:odd_chars" in name_features("UBND tỉnh[1")
    assert "name:not_whole" in name_features("Sở Y tế cho phép tôi")


def test_features_name_the_zone_cue_shape_and_role():
    f = features(_ctx("Công an tỉnh", cue="trigger", shape="sentence", role="requested"))
    assert {"zone:body", "mode:all", "cue:trigger", "shape:sentence", "role:requested", "family:directive"} <= set(f)


def test_a_cut_name_is_less_sure_than_a_whole_one_and_says_why():
    whole, _ = confidence(_ctx("Sở Tài chính"))
    cut, reasons = confidence(_ctx("Sở"))
    assert 0.0 <= cut < whole <= 1.0
    assert reasons and all(r[0] in "+−" for r in reasons)
    assert any("Sở" in r or "tên" in r for r in reasons)  # the reasons are words, not feature codes


def test_rating_a_task_fills_every_pair_and_the_task():
    task = Task(text="Tổ chức tuyên truyền về phòng chống ma túy trong trường học.",
                lead=[AgencyRef(name="Sở Giáo dục và Đào tạo"), AgencyRef(name="Sở")],
                support=[AgencyRef(name="Công an tỉnh")], zone="body", mode="all", cue="heading", source="heading")
    rate(task, "directive")
    assert all(a.confidence is not None for a in task.lead + task.support)
    assert task.confidence == min(a.confidence for a in task.lead)
    assert task.reasons
