"""Facts in mixed text: machine answers of real MT style (names kept in English beside figures,
full-width digits, 万 and 亿, dates, ranges). Every correct answer is accepted as it is; every wrong
figure is refused by the numbers check, and never reaches a catalog (the answer is repaired to
the English's figure, or rejected)."""

from __future__ import annotations

import pytest

from l10n.language.numbers import mismatches
from l10n.translate.facts import from_machine

# (English, a correct machine answer, one with a wrong figure or date)
CASES = [
    ("The 2026 Midlands Engine summit", "2026 Midlands Engine峰会", "2025 Midlands Engine峰会"),
    ("© 2026 County Council", "© 2026 County Council", "© 2025 County Council"),
    ("© 2026 Leicestershire County Council", "© 2026 莱斯特郡议会", "© 2016 莱斯特郡议会"),
    (
        "Copyright 2026 Leicestershire County Council. All rights reserved.",
        "版权所有 © 2026 Leicestershire County Council。保留所有权利。",
        "版权所有 © 2020 Leicestershire County Council。保留所有权利。",
    ),
    ("Midlands Engine 2030 strategy", "Midlands Engine 2030战略", "Midlands Engine 2013战略"),
    ("The A6 reopens on 14 March.", "A6公路将于3月14日重新开放。", "A6公路将于3月15日重新开放。"),
    ("The A6 reopens on 14 March 2026.", "A6公路将于2026年3月14日重新开放。", "A6公路将于2026年4月14日重新开放。"),
    ("Published 8 November 2017", "发布于2017年11月8日", "发布于2017年11月9日"),
    ("The visit ran from 8 to 9 November.", "访问于11月8日至9日进行。", "访问于11月8日至10日进行。"),
    ("The consultation closes in March 2025.", "咨询将于2025年3月结束。", "咨询将于2025年5月结束。"),
    (
        "The delegation arrived on Wednesday 8 November.",
        "代表团于11月8日（星期三）抵达。",
        "代表团于11月18日（星期三）抵达。",
    ),
    ("It costs £3.5m.", "耗资350万英镑。", "耗资35万英镑。"),
    ("Sichuan's economy is worth £31 billion.", "四川的经济规模达310亿英镑。", "四川的经济规模达31亿英镑。"),
    ("Sichuan has a population of 83 million.", "四川人口为8300万。", "四川人口为830万。"),
    ("A £2.5bn investment from HSBC", "来自HSBC的25亿英镑投资", "来自HSBC的2.5亿英镑投资"),
    ("About 1.2 million visitors came to Leicester.", "约120万游客来到Leicester。", "约12万游客来到Leicester。"),
    ("Over 1,200 people came.", "超过１，２００人到场。", "超过１，３００人到场。"),
    ("The 2026 budget", "２０２６年预算", "２０２５年预算"),
    ("The scheme has 45 members.", "该计划有４５名成员。", "该计划有４６名成员。"),
    ("Growth was 3.5 per cent.", "增长率为３．５%。", "增长率为３．６%。"),
    ("Over 90 per cent of G20 members agreed.", "超过90%的G20成员表示同意。", "超过80%的G20成员表示同意。"),
    ("Exports rose by 12%.", "出口增长了百分之十二。", "出口增长了百分之二十。"),
    ("The office is open from 9am to 5pm.", "办公室开放时间为上午9点至下午5点。", "办公室开放时间为上午9点至下午6点。"),
    ("The talks start at 10.30am.", "会谈于上午10:30开始。", "会谈于上午11:30开始。"),
    (
        "Between 2017 and 2020 trade doubled.",
        "2017年至2020年间，贸易额翻了一番。",
        "2017年至2021年间，贸易额翻了一番。",
    ),
    ("Prices rose 10-15 per cent.", "价格上涨了10%-15%。", "价格上涨了10%-20%。"),
    ("The link has lasted 30 years.", "双方关系已持续三十年。", "双方关系已持续二十年。"),
    (
        "Sichuan and Leicestershire have been twinned since 1988.",
        "四川省与Leicestershire自1988年起结为友好省郡。",
        "四川省与Leicestershire自1998年起结为友好省郡。",
    ),
    (
        "Nick Rushton, 62, welcomed the delegation.",
        "Nick Rushton（62岁）欢迎了代表团。",
        "Nick Rushton（52岁）欢迎了代表团。",
    ),
    ("The meeting is in Room 101 at County Hall.", "会议在County Hall 101室举行。", "会议在County Hall 110室举行。"),
    ("Leicester City won 3-1.", "Leicester City以3-1获胜。", "Leicester City以3-2获胜。"),
    ("The A5 bypass opens in 2027.", "A5绕城公路将于2027年开通。", "A5绕城公路将于2028年开通。"),
    (
        "Write to County Hall, Glenfield, Leicester LE3 8RA by 30 June.",
        "请于6月30日前致函County Hall, Glenfield, Leicester LE3 8RA。",
        "请于6月3日前致函County Hall, Glenfield, Leicester LE3 8RA。",
    ),
    ("The M1 junction 21 works cost £12m.", "M1 21号交叉口工程耗资1200万英镑。", "M1 21号交叉口工程耗资120万英镑。"),
    (
        "Covid-19 cost the county £90 million in 2021.",
        "Covid-19在2021年给本郡造成9000万英镑的损失。",
        "Covid-19在2021年给本郡造成9000万美元的损失。",
    ),
    (
        "The Midlands Engine has 11 million people and a £250 billion economy.",
        "Midlands Engine拥有1100万人口和2500亿英镑的经济规模。",
        "Midlands Engine拥有1100万人口和250亿英镑的经济规模。",
    ),
    (
        "Over 2,000 businesses joined Leicestershire Matters in 2025.",
        "2025年有2000多家企业加入Leicestershire Matters。",
        "2025年有200多家企业加入Leicestershire Matters。",
    ),
    ("Chengdu is 8,000 km from Leicester.", "成都距离Leicester 8000公里。", "成都距离Leicester 800公里。"),
    ("The grant is worth $5m.", "该拨款价值500万美元。", "该拨款价值500万英镑。"),
    ("Visitors rose from 40,000 to 55,000.", "游客人数从4万增至5.5万。", "游客人数从4万增至5万。"),
    ("The plan runs until 31 December 2030.", "该计划将持续至2030年12月31日。", "该计划将持续至2030年12月30日。"),
    ("BBC Radio Leicester, 104.9 FM", "BBC Radio Leicester，调频104.9", "BBC Radio Leicester，调频104.5"),
    (
        "The 5G trial in Loughborough covers 3,500 homes.",
        "Loughborough的5G试点覆盖3500户家庭。",
        "Loughborough的5G试点覆盖5300户家庭。",
    ),
    ("Call 0116 305 0000 before 5pm.", "请在下午5点前致电0116 305 0000。", "请在下午4点前致电0116 305 0000。"),
]


def test_the_set_is_large_enough_and_each_case_differs_in_its_facts():
    assert len(CASES) >= 40
    assert all(good != bad for _, good, bad in CASES)


@pytest.mark.parametrize(("english", "good", "bad"), CASES, ids=[english[:40] for english, _, _ in CASES])
def test_a_correct_answer_is_accepted_and_a_wrong_figure_refused(english: str, good: str, bad: str):
    assert mismatches(english, good) == []
    accepted = from_machine(english, good)
    assert accepted is not None and accepted.text == good and not accepted.adjusted
    assert any(m.error for m in mismatches(english, bad))
    repaired = from_machine(english, bad)
    assert repaired is None or (repaired.adjusted and not any(m.error for m in mismatches(english, repaired.text)))
