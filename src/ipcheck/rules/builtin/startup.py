"""Rules of the implementation start-up (IP1xx) that a declarative pack cannot express: who
leads the working group, which key units it and the start-up training reached, and whether
the work plan's tasks are complete, cover every stage and are on time.

Start-up is how an enterprise implements GB/T 29490 (贯标), not a clause of it: these rules
are readiness guidance, graded as observations and citing no clause. The declarative
start-up rules are in ``rules/packs/stages-plan.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipcheck.i18n import Term, Text, Words
from ipcheck.model.kinds import Person, Training, Unit, WorkingGroup, WorkPlan
from ipcheck.rules.api import CheckContext, Violation, rule
from ipcheck.rules.builtin.common import (
    below_top,
    named_item,
    top_management,
    unit_values,
    units_not_reached,
    units_of,
)
from ipcheck.vocabulary import STAGES

STARTUP = ("implementation-startup",)
"""The clause-map topic of the start-up steps: no clause in either edition."""


@rule(
    reads=("Person", "WorkingGroup"),
    id="IP102",
    title={"en": "The working group is led by a member of top management",
           "zh-CN": "贯标工作组由最高管理者成员担任组长"},
    severity="observation",
    stage="startup",
    clauses=STARTUP,
    rationale={
        "en": ("The working group needs the authority to call on every department; auditors expect "
               "its leader to come from top management, as evidence of top management's commitment. "
               "A group without a leader, or led from a department, lacks that authority."),
        "zh-CN": ("贯标工作组需要有调动各部门的权威；审核员通常期望组长由最高管理者成员担任，以此体现最高管理者的承诺。"
                  "没有组长或由某一部门负责人牵头的工作组缺乏这种权威。"),
    },
    fails=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.ip\n"
    ),
    passes=(
        "kind: Person\nid: p.dgm\nname: Li Ping\ntop_management: true\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.dgm\n"
    ),
    messages={
        "default": {
            "en": "Working group {subject} '{group}' is led by {leader_name} ({leader}), "
                  "who is not a member of top management",
            "zh-CN": "贯标工作组{subject}“{group}”的组长{leader_name}（{leader}）不是最高管理者成员",
        },
        "no-leader": {
            "en": "Working group {subject} '{group}' has no leader",
            "zh-CN": "贯标工作组{subject}“{group}”未指定组长",
        },
    },
    fix={
        "en": "Have top management appoint one of its members ({top_management}) as leader of working group "
              "{subject} '{group}' and record the appointment decision.",
        "zh-CN": "请最高管理者从其成员（{top_management}）中任命贯标工作组{subject}“{group}”的组长，并保留任命文件。",
    },
)
def working_group_led_by_top_management(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for group in decl.of(WorkingGroup):
        values = {"group": group.name, "top_management": top_management(decl)}
        if group.leader is None:
            yield Violation(subject=group.id, path=("leader",), values=values, template="no-leader")
        elif (leader := below_top(decl, group.leader)) is not None:
            yield Violation(subject=group.id, path=("leader",),
                            values={**values, "leader": leader.id, "leader_name": leader.name})


@rule(
    reads=("Person", "Unit", "WorkingGroup"),
    id="IP103",
    title={"en": "Every key department is represented in the working group",
           "zh-CN": "每个关键部门在贯标工作组中均有成员"},
    severity="observation",
    stage="startup",
    clauses=STARTUP,
    rationale={
        "en": ("The working group builds procedures that every key department will apply; a key "
               "department without a member in it is not heard when its processes are designed."),
        "zh-CN": "贯标工作组编制的程序要由各关键部门执行；在工作组中没有成员的关键部门，在设计其业务流程时无法发表意见。",
    },
    fails=(
        "kind: Unit\nid: U-PUR\nname: Procurement\nkey: true\n---\n"
        "kind: Person\nid: p.dgm\nname: Li Ping\ntop_management: true\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.dgm\n"
    ),
    passes=(
        "kind: Unit\nid: U-PUR\nname: Procurement\nkey: true\n---\n"
        "kind: Person\nitems:\n  - {id: p.dgm, name: Li Ping, top_management: true}\n"
        "  - {id: p.pur, name: Ma Li, unit: U-PUR}\n---\n"
        "kind: WorkingGroup\nid: WG-01\nname: IP working group\nleader: p.dgm\nmembers: [p.pur]\n"
    ),
    messages={
        "default": {
            "en": "Key unit {unit} '{unit_name}' has no member in working group {subject} '{group}'",
            "zh-CN": "关键部门{unit}“{unit_name}”在贯标工作组{subject}“{group}”中没有成员",
        },
    },
    fix={
        "en": "Appoint a member of key unit {unit} '{unit_name}' (head: {unit_head}) to working group "
              "{subject} and add them to its members.",
        "zh-CN": "从关键部门{unit}“{unit_name}”（负责人：{unit_head}）指派一名人员加入贯标工作组{subject}，"
                 "并列入其members。",
    },
)
def working_group_has_every_key_unit(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    key_units = [u for u in decl.of(Unit) if u.key]
    if not key_units:
        return
    for group in decl.of(WorkingGroup):
        present = units_of(decl, [*([group.leader] if group.leader else []), *group.members])
        for unit in key_units:
            if unit.id not in present:
                yield Violation(subject=group.id, path=("members",), key=unit.id,
                                values={**unit_values(decl, unit), "group": group.name})


TASK_FIELDS: dict[str, Text] = {
    "owner": Text("owner", {"zh-CN": "负责人"}),
    "start": Text("start date", {"zh-CN": "开始日期"}),
    "due": Text("due date", {"zh-CN": "完成期限"}),
}
"""The fields every task of a work plan fills, as messages name them."""

ITS_OWNER = Words(Text("its owner", {"zh-CN": "任务负责人"}))


@rule(
    reads=("Person", "WorkPlan"),
    id="IP106",
    title={"en": "Every task of the work plan has an owner, a start date and a due date",
           "zh-CN": "工作计划的每项任务均有负责人、开始日期和完成期限"},
    severity="observation",
    stage="startup",
    clauses=STARTUP,
    rationale={
        "en": ("A task nobody owns or that has no dates cannot be followed up; auditors look for the "
               "plan's tasks, owners and dates."),
        "zh-CN": "无人负责或没有日期的任务无法跟踪；审核员会查看工作计划的任务、负责人和时间安排。",
    },
    fails=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual}\n"
    ),
    passes=(
        "kind: Person\nid: p.ip\nname: Zhao Lin\n---\n"
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual, owner: p.ip, start: 2025-03-01, due: 2025-04-30}\n"
    ),
    messages={
        "default": {
            "en": "Task {task_no} '{task}' of work plan {subject} has no {missing}",
            "zh-CN": "工作计划{subject}第{task_no}项任务“{task}”未填写{missing}",
        },
    },
    fix={
        "en": "Complete task {task_no} '{task}' of work plan {subject}: name its {missing}, and have the "
              "revised plan approved ({approver}).",
        "zh-CN": "补全工作计划{subject}第{task_no}项任务“{task}”的{missing}，并将修订后的计划报批（{approver}）。",
    },
)
def work_plan_tasks_complete(ctx: CheckContext) -> Iterator[Violation]:
    for plan in ctx.declaration.of(WorkPlan):
        for index, task in enumerate(plan.tasks):
            missing = [name for name in TASK_FIELDS if getattr(task, name) is None]
            if missing:
                yield Violation(subject=plan.id, path=("tasks", index, missing[0]), key=str(index),
                                values={"task_no": index + 1, "task": task.name,
                                        "missing": [TASK_FIELDS[name] for name in missing],
                                        "approver": named_item(ctx.declaration, plan.approved_by, Person)})


@rule(
    reads=("Person", "WorkPlan"),
    id="IP107",
    title={"en": "The work plan covers every stage of the implementation",
           "zh-CN": "工作计划覆盖贯标的每个阶段"},
    severity="observation",
    stage="startup",
    clauses=STARTUP,
    rationale={
        "en": ("The implementation runs through eight stages, from start-up to management review; a "
               "stage the plan leaves out is usually the one that is skipped (often the internal audit "
               "or the management review)."),
        "zh-CN": "贯标从启动到管理评审共八个阶段；计划遗漏的阶段往往就是实际被跳过的阶段（常见的是内部审核或管理评审）。",
    },
    fails=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Kick-off meeting, stage: startup}\n"
    ),
    passes=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\ntasks:\n"
        "  - {name: Kick-off meeting, stage: startup}\n  - {name: Diagnosis, stage: diagnosis}\n"
        "  - {name: Policy and objectives, stage: system}\n  - {name: Manual, stage: manual}\n"
        "  - {name: Promulgation and training, stage: dissemination}\n  - {name: Operation, stage: operation}\n"
        "  - {name: Internal audit, stage: internal-audit}\n  - {name: Management review, stage: management-review}\n"
    ),
    messages={
        "default": {
            "en": "Work plan {subject} '{plan}' has no task for the stage '{stage_title}' ({stage})",
            "zh-CN": "工作计划{subject}“{plan}”中没有“{stage_title}”阶段（{stage}）的任务",
        },
    },
    fix={
        "en": "Add to work plan {subject} the tasks of the stage '{stage_title}' ({stage}), each with an owner, "
              "a start date and a due date, and have the revised plan approved ({approver}).",
        "zh-CN": "在工作计划{subject}中补充“{stage_title}”阶段（{stage}）的任务，每项任务明确负责人、开始日期和完成期限，"
                 "并将修订后的计划报批（{approver}）。",
    },
)
def work_plan_covers_every_stage(ctx: CheckContext) -> Iterator[Violation]:
    plans = ctx.declaration.of(WorkPlan)
    if not plans:
        return
    planned = {task.stage for plan in plans for task in plan.tasks}
    plan = plans[0]
    for stage in STAGES:
        if stage not in planned:
            yield Violation(subject=plan.id, path=("tasks",), key=stage,
                            values={"plan": plan.title, "stage": stage, "stage_title": Term("stage", stage),
                                    "approver": named_item(ctx.declaration, plan.approved_by, Person)})


@rule(
    reads=("Person", "WorkPlan"),
    id="IP113",
    title={"en": "No task of the work plan is overdue", "zh-CN": "工作计划中没有逾期未完成的任务"},
    severity="observation",
    stage="startup",
    clauses=STARTUP,
    rationale={
        "en": ("A task past its due date and not done shows the implementation slipping; the plan "
               "should either record the completion or be revised with new dates."),
        "zh-CN": "任务已过完成期限仍未完成，说明贯标进度滞后；计划应记录完成情况，或修订并确定新的日期。",
    },
    fails=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual, due: 2020-04-30}\n"
    ),
    passes=(
        "kind: WorkPlan\nid: PLAN-01\ntitle: Implementation plan\n"
        "tasks:\n  - {name: Write the IP manual, stage: manual, due: 2020-04-30, done: 2020-04-28}\n"
    ),
    messages={
        "default": {
            "en": "Task {task_no} '{task}' of work plan {subject} was due on {due} and is not recorded as done",
            "zh-CN": "工作计划{subject}第{task_no}项任务“{task}”应于{due}完成，但没有完成记录",
        },
    },
    fix={
        "en": "Have {owner} complete task '{task}' of work plan {subject} and record the date (done), or revise "
              "the plan with a new due date approved by {approver}.",
        "zh-CN": "请{owner}完成工作计划{subject}的任务“{task}”并记录完成日期（done），或修订计划、确定新的完成期限并经"
                 "{approver}批准。",
    },
)
def work_plan_tasks_on_time(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    for plan in decl.of(WorkPlan):
        for index, task in enumerate(plan.tasks):
            if task.due is None or task.done is not None or task.due >= ctx.as_of:
                continue
            owner = named_item(decl, task.owner, Person) if task.owner is not None else ITS_OWNER
            yield Violation(subject=plan.id, path=("tasks", index, "due"), key=str(index),
                            values={"task_no": index + 1, "task": task.name, "due": task.due, "owner": owner,
                                    "approver": named_item(decl, plan.approved_by, Person)})


@rule(
    reads=("Person", "Training", "Unit"),
    id="IP112",
    title={"en": "The start-up training reached every key department", "zh-CN": "贯标启动培训覆盖每个关键部门"},
    severity="observation",
    stage="startup",
    clauses=STARTUP,
    rationale={
        "en": ("Start-up training prepares the key departments to take part in building the system; "
               "a key department that was not in the audience, or from which nobody attended, was not "
               "prepared."),
        "zh-CN": "贯标启动培训使关键部门做好参与体系建设的准备；不在培训对象中、或无人参加培训的关键部门没有做好准备。",
    },
    fails=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre, key: true}\n  - {id: U-PUR, name: Procurement, key: true}\n"
        "---\nkind: Person\nid: p.rd\nname: Li Na\nunit: U-RD\n---\n"
        "kind: Training\nid: TR-01\ntopic: GB/T 29490\nstage: startup\naudience: [U-RD]\nattendees: [p.rd]\n"
    ),
    passes=(
        "kind: Unit\nitems:\n  - {id: U-RD, name: R&D Centre, key: true}\n  - {id: U-PUR, name: Procurement, key: true}\n"
        "---\nkind: Person\nitems:\n  - {id: p.rd, name: Li Na, unit: U-RD}\n  - {id: p.pur, name: Ma Li, unit: U-PUR}\n"
        "---\nkind: Training\nid: TR-01\ntopic: GB/T 29490\nstage: startup\naudience: [U-RD, U-PUR]\n"
        "attendees: [p.rd, p.pur]\n"
    ),
    messages={
        "default": {
            "en": "Key unit {unit} '{unit_name}' is not in the audience of any start-up training",
            "zh-CN": "关键部门{unit}“{unit_name}”不在任何贯标启动培训的培训对象中",
        },
        "nobody-attended": {
            "en": "No one from key unit {unit} '{unit_name}' attended a start-up training meant for it",
            "zh-CN": "关键部门{unit}“{unit_name}”无人参加面向该部门的贯标启动培训",
        },
    },
    fix={
        "en": "Train key unit {unit} '{unit_name}' (head: {unit_head}) on GB/T 29490 and the implementation "
              "plan, and record the unit in the audience and its people in the attendees.",
        "zh-CN": "对关键部门{unit}“{unit_name}”（负责人：{unit_head}）开展GB/T 29490及贯标工作计划的培训，"
                 "并在audience中记录该部门、在attendees中记录参训人员。",
    },
)
def startup_training_reached_key_units(ctx: CheckContext) -> Iterator[Violation]:
    decl = ctx.declaration
    trainings: list[Training] = [t for t in decl.of(Training) if t.stage == "startup"]
    if trainings:
        yield from units_not_reached(decl, trainings, [u for u in decl.of(Unit) if u.key])
