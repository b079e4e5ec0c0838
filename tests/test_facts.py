"""Suggestions never change facts: remembered translations and machine answers state their English's figures."""

from __future__ import annotations

import pytest

from l10n.language.numbers import mismatches
from l10n.translate.facts import Suggestion, from_machine, from_memory


@pytest.mark.parametrize(
    "old_source, old_target, new_source, expected",
    [
        (
            "Published <time1>8 November 2017</time1>",
            "发布于<time1>2017年11月8日</time1>",
            "Published <time1>14 March 2025</time1>",
            "发布于<time1>2025年3月14日</time1>",
        ),
        (
            "The council will spend £90m on roads.",
            "议会将在道路上花费9000万英镑。",
            "The council will spend £4.2m on roads.",
            "议会将在道路上花费420万英镑。",
        ),
        (
            "An economy worth £31 billion.",
            "经济总量达310亿英镑。",
            "An economy worth £4.5 billion.",
            "经济总量达45亿英镑。",
        ),
        (
            "Recycling rose to 45 per cent in 2019.",
            "2019年回收率升至45%。",
            "Recycling rose to 52.5 per cent in 2021.",
            "2021年回收率升至52.5%。",
        ),
        ("Open at 2pm on 3 May.", "5月3日下午2点开放。", "Open at 4pm on 14 May.", "5月14日下午4点开放。"),
        ("Open at 2pm on 3 May.", "5月3日14:00开放。", "Open at 4pm on 14 May.", "5月14日16:00开放。"),
        ("Open 8-9 November.", "11月8日至9日开放。", "Open 8-10 November.", "11月8日至10日开放。"),
        (
            "Sichuan has 90 million residents.",
            "四川拥有九千万人口。",
            "Sichuan has 84 million residents.",
            "四川拥有八千四百万人口。",
        ),
        (
            "Twinned since <b1>1988</b1>.",
            "自<b1>1988</b1>年起结好。",
            "Twinned since <b1>1998</b1>.",
            "自<b1>1998</b1>年起结好。",
        ),
        (
            "Bins are emptied in May 2025.",
            "垃圾桶于2025年五月清空。",
            "Bins are emptied in June 2026.",
            "垃圾桶于2026年六月清空。",
        ),
    ],
)
def test_a_remembered_translation_is_made_to_state_the_new_englishs_facts(old_source, old_target, new_source, expected):
    assert from_memory(old_source, old_target, new_source) == Suggestion(expected, adjusted=True)
    assert mismatches(new_source, expected) == []


@pytest.mark.parametrize(
    "old_source, old_target, new_source",
    [
        ("Open at 2pm on 3 May.", "5月3日下午2点开放。", "Open at 10am on 14 May."),  # afternoon to morning: 下午 too
        ("Open at 2pm on 3 May.", "5月3日下午2点开放。", "Open at 2pm on 3 May and 4 May."),  # a fact more
        (
            "Work on 30 sites with 30 staff.",
            "在30个地点由30名员工施工。",
            "Work on 40 sites with 30 staff.",
        ),  # which 30?
        ("Open 8-9 November.", "11月8日至9日开放。", "Open 8-9 December."),  # 9日 alone cannot change its month
        ("Twinned since 1988.", "结好已久。", "Twinned since 1998."),  # the Chinese does not state it
        ("The fee is £5.", "费用为5英镑。", "The fee is 5 per cent."),  # another kind of figure
        ("Open from 3<b1>0</b1> May.", "5月3<b1>0</b1>日起开放。", "Open from 14 May."),  # a placeholder in the way
    ],
)
def test_a_remembered_translation_whose_facts_cannot_be_rewritten_is_not_offered(old_source, old_target, new_source):
    assert from_memory(old_source, old_target, new_source) is None


def test_a_remembered_translation_with_the_same_facts_is_offered_as_it_is():
    found = from_memory("Work starts on 3 May at 10am.", "5月3日上午10点开工。", "Work begins on 3 May at 10am.")
    assert found == Suggestion("5月3日上午10点开工。", adjusted=False)
    assert from_memory("Bins on 3 May.", "垃圾桶：5月3日。", "Bins on 4 May.", rewrite=False) is None  # not Chinese


@pytest.mark.parametrize(
    "source, answer, expected",
    [
        ("It will cost 3.5 million.", "将花费 3.5。", Suggestion("将花费 350万。", adjusted=True)),
        ("It will cost 3.5 million.", "将花费3.5 百万。", Suggestion("将花费3.5 百万。")),  # 3.5百万 is 350万
        ("Published 14 March 2025", "发布于2025年3月15日", Suggestion("发布于2025年3月14日", adjusted=True)),
        ("It costs £31 billion.", "花费31亿英镑。", Suggestion("花费310亿英镑。", adjusted=True)),
        ("Trees on 30 sites.", "在40个地点种植树。", Suggestion("在30个地点种植树。", adjusted=True)),
        ("Trees on 30 sites.", "在30个地点种植树。", Suggestion("在30个地点种植树。")),
        ("90 per cent agreed.", "90个人同意。", None),  # the unit is missing: nothing to rewrite
        ("Trees on 30 sites.", "在30个地点种植了50棵树。", None),  # a figure the English does not state
        ("Published 14 March 2025", "发布于2025年", None),  # the date is missing
    ],
)
def test_a_machine_answer_states_its_englishs_facts_or_is_refused(source, answer, expected):
    assert from_machine(source, answer) == expected
