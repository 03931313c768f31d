"""The vocabulary of the editorial board: its roles (R-ROLE-1) as Django groups' names, the
three steps (R-WF-1) and the workflow's name.

Only names, no machinery: they live in core so that every app granting rights to a role or
asking whether someone holds one (consultation's permissions, for one) needs core only. The
editorial app creates the groups and the workflow from them (editorial.setup, run by
``manage.py setup_portal``) and keeps the workflow machinery.

Names are Vietnamese because they are the groups' names in the database and in the admin:
data, like a page title, shared by setup_portal, load_demo and the tests.
"""

HEAD = "Trưởng ban biên tập"
DEPUTY = "Phó trưởng ban biên tập"
EDITOR = "Biên tập viên"
SECRETARY = "Thư ký ban biên tập"
COLLABORATOR = "Cộng tác viên"
UNIT_OFFICER = "Cán bộ đầu mối đơn vị"
TECH_ADMIN = "Quản trị kỹ thuật"
AUDITOR = "Kiểm tra"
#: The standing office of the board (S1 Đ7; cơ quan thường trực): receives contributions
#: and questions, routes them to sections and editors, composes (step 1) and prepares the
#: monthly royalty list.
STANDING_OFFICE = "Thường trực Ban biên tập"
#: The head of the body (thủ trưởng cơ quan): not on the board; decides the royalties the
#: board's head proposes (S4 Đ7.2a). Only a superuser grants this role: the board's head
#: must not choose who approves his own proposals.
BODY_HEAD = "Thủ trưởng cơ quan"

ALL_ROLES = [
    HEAD,
    DEPUTY,
    EDITOR,
    SECRETARY,
    STANDING_OFFICE,
    COLLABORATOR,
    UNIT_OFFICER,
    TECH_ADMIN,
    AUDITOR,
    BODY_HEAD,
]

#: A role of no single body: reads every body's content, questions and reports, read-only,
#: when the province decides so (a superuser grants it). Its group has no Site.
PROVINCE_AUDITOR = "Kiểm tra toàn tỉnh"

#: Roles that read a body's data without changing it.
READ_ONLY_ROLES = [AUDITOR, PROVINCE_AUDITOR]

#: Members of the board: their own submissions pass step 1 by themselves (docs/architecture.md §4).
BOARD = [HEAD, DEPUTY, EDITOR, SECRETARY, STANDING_OFFICE]

WORKFLOW_NAME = "Quy trình biên tập 3 bước"

#: (step number, task name, groups that act on it)
STEPS = [
    (1, "Biên tập", [EDITOR, SECRETARY, STANDING_OFFICE]),
    (2, "Xác thực", [DEPUTY]),
    (3, "Duyệt đăng", [HEAD]),
]

#: Steps that may be delegated to a named person for a period (R-WF-2).
DELEGABLE_STEPS = (2, 3)

#: Who may hold a delegated step: a person already on the body's board in one of these
#: roles (R-WF-2; the head may hand the approval to a deputy, verification to any member
#: of the board). Collaborators, unit officers, auditors and the technical administrator
#: are never delegates.
DELEGATE_ROLES = {2: BOARD, 3: [HEAD, DEPUTY]}

#: Roles that only a superuser or the head of the board grants or removes: every role of
#: the board above except the technical administrator's and the body head's. Those, and
#: any group not listed in ALL_ROLES (its permissions are unknown here), only a superuser
#: grants, so the head cannot hand out account-management powers nor choose who approves
#: his own royalty proposals.
EDITORIAL_ROLES = [role for role in ALL_ROLES if role not in (TECH_ADMIN, BODY_HEAD)]

#: Roles held on one body: each body's board has its own group for each of them.
BODY_ROLES = [role for role in ALL_ROLES if role != TECH_ADMIN]

#: Roles of the whole install, one group each: the technical administrator keeps every
#: body's accounts and sites running (accounts are install-wide: one login, several
#: boards); the province-wide auditor reads every body.
INSTALL_ROLES = [TECH_ADMIN, PROVINCE_AUDITOR]
