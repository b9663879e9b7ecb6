"""The interface language: English message templates with their Chinese translations.

Templates are written in English in the code (``tr("unknown unit {name}", name=...)``) and
looked up here for Chinese.  Data stays as written; only the words around it change.
"""

from __future__ import annotations

import os

_lang = "zh"


def detect_language(explicit: str | None = None) -> str:
    """``--lang`` first, then ``LEDGER_LANG``, then the locale (zh for zh_*), else English."""
    for value in (explicit, os.environ.get("LEDGER_LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str) -> None:
    global _lang
    _lang = "zh" if lang.lower().startswith("zh") else "en"


def language() -> str:
    return _lang


def tr(template: str, **params: object) -> str:
    """Translate an English template into the interface language and fill it in."""
    text = ZH.get(template, template) if _lang == "zh" else EN.get(template, template)
    return text.format(**params) if params else text


EN: dict[str, str] = {
    # templates that are labels rather than English text
    "ongoing (short)": "ongoing",
}

ZH: dict[str, str] = {
    # statuses and words
    "open": "未整改",
    "in_progress": "整改中",
    "closed": "已销号",
    "ongoing": "立行立改，长期坚持",
    "ongoing (short)": "长期坚持",
    "overdue {days}d": "逾期{days}天",
    "late": "逾期销号",
    "on time": "按期销号",
    # table headers
    "ID": "编号",
    "Feedback": "反馈问题",
    "Lead": "牵头部门",
    "Responsible": "责任部门",
    "Deadline": "整改时限",
    "Status": "状态",
    "Question": "问题类别",
    "Source": "来源",
    "Leader": "责任领导",
    "Progress": "整改进展",
    "Extensions": "延期",
    "Close-out": "销号",
    "History": "历史",
    "Evidence": "佐证材料",
    "Unit": "单位",
    "Total": "合计",
    "(and other departments)": "（等部门）",
    # list footer
    "{shown} of {total} items shown": "共 {total} 项，显示 {shown} 项",
    "{n} items": "共 {n} 项",
    "open {open}, in progress {in_progress}, closed {closed}, overdue {overdue}": (
        "未整改 {open}，整改中 {in_progress}，已销号 {closed}，逾期 {overdue}"
    ),
    "as of {date}": "截至 {date}",
    "{hidden} more rows not shown: use --all or --limit N": "另有 {hidden} 行未显示：使用 --all 或 --limit N",
    "no items match": "没有符合条件的事项",
    # errors
    "Error": "错误",
    "{n} problems": "共 {n} 个问题",
    "{n} problem": "共 {n} 个问题",
    "ok: {items} items, {units} units, no problems": "通过：{items} 项事项，{units} 个单位，无问题",
    "no data folder found: looked for data/items.yaml or data/items/ from {cwd} upwards; use --data DIR or LEDGER_DATA": (
        "找不到数据目录：从 {cwd} 向上查找 data/items.yaml 或 data/items/；请用 --data DIR 或 LEDGER_DATA 指定"
    ),
    "data folder {path} does not exist": "数据目录 {path} 不存在",
    "data folder {path} has no items.yaml and no items/ folder": "数据目录 {path} 中没有 items.yaml 或 items/ 目录",
    "file not found": "文件不存在",
    "file is empty": "文件为空",
    "not a regular file": "不是普通文件",
    "cannot read file: {reason}": "无法读取文件：{reason}",
    "not valid UTF-8 (byte {offset})": "不是有效的 UTF-8 编码（第 {offset} 字节）",
    "invalid YAML: {problem}": "YAML 格式错误：{problem}",
    "git conflict marker: resolve the merge first": "存在 git 冲突标记：请先解决合并冲突",
    "duplicate key {key!r}": "重复的键 {key!r}",
    "anchors and aliases are not allowed in a ledger file": "台账文件中不允许使用锚点和别名",
    "tag {tag} is not allowed": "不允许使用标签 {tag}",
    "the top level must be a mapping": "文件顶层必须是映射（键: 值）",
    "nesting deeper than {depth} levels": "嵌套超过 {depth} 层",
    "field required": "缺少必填字段",
    "unknown field": "未知字段",
    "expected text": "应为文本",
    "expected a whole number": "应为整数",
    "expected true or false": "应为 true 或 false",
    "expected a list": "应为列表",
    "expected a mapping": "应为映射（键: 值）",
    "expected a date (YYYY-MM-DD), got {value!r}": "应为日期（YYYY-MM-DD），实际为 {value!r}",
    "expected a date (YYYY-MM-DD) or 'ongoing', got {value!r}": "应为日期（YYYY-MM-DD）或 ongoing，实际为 {value!r}",
    "expected one of {allowed}, got {value!r}": "应为 {allowed} 之一，实际为 {value!r}",
    "must not be empty": "不能为空",
    "duplicate id {id!r} (first at {where})": "编号 {id!r} 重复（首次出现在 {where}）",
    "invalid id {id!r}: use letters, digits and dashes, such as 2-8": "编号 {id!r} 无效：只能用字母、数字和连字符，如 2-8",
    "unknown unit {name!r}": "未知单位 {name!r}",
    "unknown unit {name!r}; did you mean {suggestion}?": "未知单位 {name!r}；是否为 {suggestion}？",
    "{name!r} is an alias of {canonical!r}: write the unit's name": "{name!r} 是 {canonical!r} 的别名：请写单位全称",
    "duplicate unit name or alias {name!r} (also {other!r})": "单位名称或别名 {name!r} 重复（亦为 {other!r}）",
    "responsible units list {name!r} twice": "责任部门中 {name!r} 出现两次",
    "status is closed but there is no close-out record": "状态为已销号，但没有销号记录",
    "a close-out is recorded but status is {status!r}": "有销号记录，但状态为 {status!r}",
    "status is in_progress but there is no progress note": "状态为整改中，但没有进展记录",
    "a close-out needs at least one piece of evidence": "销号至少需要一项佐证材料",
    "evidence needs either text or file": "佐证材料须有 text 或 file 之一",
    "evidence has both text and file": "佐证材料不能同时有 text 和 file",
    "evidence file needs size and sha256": "佐证文件须记录 size 和 sha256",
    "evidence file {file} is missing": "佐证文件 {file} 不存在",
    "evidence file {file} has changed (sha256 {actual}, recorded {recorded})": (
        "佐证文件 {file} 已被改动（sha256 {actual}，记录为 {recorded}）"
    ),
    "evidence path {file} leaves the evidence folder": "佐证路径 {file} 超出了佐证目录",
    "date {date} is before the batch date {batch}": "日期 {date} 早于批次日期 {batch}",
    "the close-out date {date} is before the item's batch date {batch}": "销号日期 {date} 早于批次日期 {batch}",
    "extensions must be in date order": "延期记录须按日期排列",
    "extension's previous deadline {previous} does not match the deadline then in force {expected}": (
        "延期记录的原时限 {previous} 与当时有效的时限 {expected} 不符"
    ),
    "question {question} has no prompt in questions:": "问题 {question} 在 questions: 中没有题目",
    "item {id}": "事项 {id}",
    "{n} problems, {shown} shown: run ledger check for all of them": "共 {n} 个问题，显示 {shown} 个：运行 ledger check 查看全部",
    "a link to a missing file ({target})": "链接指向的文件不存在（{target}）",
    "there is no items file to add to: create data/items.yaml with a line items:": (
        "没有可添加事项的文件：请新建 data/items.yaml，内容为一行 items:"
    ),
    # domain refusals
    "--date {date} is before the close-out on {closed}": "--date {date} 早于销号日期 {closed}",
    "--date {date} is before the last extension ({last})": "--date {date} 早于上一次延期（{last}）",
    "--to {to} is before the approval date {date}": "--to {to} 早于批准日期 {date}",
    "--to {to} is not later than the deadline in force ({current})": "--to {to} 不晚于当前有效时限（{current}）",
    "a new item needs --question or --source": "新增事项须提供 --question 或 --source",
    "item {id} is already closed (on {date} by {by})": "事项 {id} 已销号（{date}，{by}）",
    "item {id} is not closed; only a closed item can be reopened": "事项 {id} 未销号；只有已销号的事项才能重新打开",
    "item {id}: a close-out needs evidence (--evidence FILE or TEXT)": "事项 {id}：销号须有佐证材料（--evidence 文件或说明）",
    "{option} must not be empty": "{option} 不能为空",
    "{option} {date} is before the batch date {batch}": "{option} {date} 早于批次日期 {batch}",
    "{option} {date} is in the future (today is {today})": "{option} {date} 是将来的日期（今天是 {today}）",
    "item {id} already exists": "事项 {id} 已存在",
    "unknown item {id!r}": "没有事项 {id!r}",
    "unknown item {id!r}; nearest: {near}": "没有事项 {id!r}；相近的有：{near}",
    "internal error: item {id} would not read back as written{detail}": "内部错误：事项 {id} 写入后读回不一致{detail}",
    "a link out of the data folder ({target}) is not followed": "不跟随指向数据目录之外的链接（{target}）",
    # git
    "git is not installed": "未安装 git",
    "git {cmd} failed: {msg}": "git {cmd} 失败：{msg}",
    "the newest commit is not a ledger change; nothing undone": "最新提交不是台账变更；未撤销任何内容",
    "there are uncommitted changes; commit or stash them first": "有未提交的修改；请先提交或暂存",
    "there is no commit to undo": "没有可撤销的提交",
    "{folder} is not inside a git repository": "{folder} 不在 git 仓库中",
    "changed: {fields}": "变更字段：{fields}",
    "no ledger commits": "没有台账提交记录",
    "reverted: {subject}": "已撤销：{subject}",
    "committed {sha}": "已提交 {sha}",
    # command line
    "interrupted": "已中断",
    "; did you mean {near}?": "；是否为 {near}？",
    "{option}: unknown unit {name!r}{hint}": "{option}：未知单位 {name!r}{hint}",
    "--file: {file} is not one of the ledger's items files": "--file：{file} 不是台账的事项文件",
    "a reason is required": "须说明理由",
    "the new deadline is required": "须提供新的时限",
    "who signs off is required": "须提供销号人",
    "added {id}": "已新增 {id}",
    "closed {id} on {date} by {by}": "已销号 {id}（{date}，{by}）",
    "extended {id} to {to} from {date}": "已延期 {id} 至 {to}（自 {date} 起）",
    "progress noted on {id} ({date})": "已记录 {id} 的进展（{date}）",
    "reopened {id} on {date}": "已重新打开 {id}（{date}）",
    "{what}: {value!r} is not a date (use YYYY-MM-DD or 2024年8月31日)": (
        "{what}：{value!r} 不是日期（请用 YYYY-MM-DD 或 2024年8月31日）"
    ),
    "{what}: {value!r} is not a real date": "{what}：{value!r} 不是有效日期",
    # evidence
    "evidence folder {path} leaves the data folder": "佐证目录 {path} 超出了数据目录",
    "evidence {path}: is a folder, not a file": "佐证材料 {path}：是目录，不是文件",
    "evidence {path}: no such file": "佐证材料 {path}：文件不存在",
    "evidence {path}: not a regular file": "佐证材料 {path}：不是普通文件",
    "evidence {path}: over the size limit": "佐证材料 {path}：超过大小限制",
    "evidence {path}: {reason}": "佐证材料 {path}：{reason}",
    "evidence {path}: {size} bytes is over the limit of {limit} bytes (LEDGER_EVIDENCE_MAX_MB)": (
        "佐证材料 {path}：{size} 字节，超过 {limit} 字节的上限（LEDGER_EVIDENCE_MAX_MB）"
    ),
    # show
    "(originally {date})": "（原时限 {date}）",
    "Date": "日期",
    "Details": "内容",
    "Record": "记录",
    "closed by {by}": "销号人：{by}",
    "deadline {previous} → {to}: {reason}": "时限 {previous} → {to}：{reason}",
    "reopened": "重新打开",
}
