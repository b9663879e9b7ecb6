"""The one catalogue: every English template of the interface and its Chinese.

Keys are the templates as written in the code (``tr("unknown unit {name!r}", ...)``); a test
(tests/test_i18n.py) checks that every template the code uses has an entry here and that every
entry is used. Data (unit names, item texts) is never translated.
"""

ZH: dict[str, str] = {
    # ---- the interface
    # statuses and words
    "open": "未整改",
    "in_progress": "整改中",
    "pending_review": "待审核",
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
    "open {open}, in progress {in_progress}, closed {closed}, overdue {overdue}":
        "未整改 {open}，整改中 {in_progress}，已销号 {closed}，逾期 {overdue}",
    "as of {date}": "截至 {date}",
    "{hidden} more rows not shown: use --all or --limit N": "另有 {hidden} 行未显示：使用 --all 或 --limit N",
    "no items match": "没有符合条件的事项",
    # errors
    "Error": "错误",
    "{n} problems": "共 {n} 个问题",
    "{n} problem": "共 {n} 个问题",
    "ok: {items} items, {units} units, no problems": "通过：{items} 项事项，{units} 个单位，无问题",
    "ok: {items} item, {units} unit, no problems": "通过：{items} 项事项，{units} 个单位，无问题",
    "ok: {items} item, {units} units, no problems": "通过：{items} 项事项，{units} 个单位，无问题",
    "ok: {items} items, {units} unit, no problems": "通过：{items} 项事项，{units} 个单位，无问题",
    "no data folder found: looked for data/items.yaml or data/items/ from {cwd} upwards; use --data DIR or LEDGER_DATA":
        "找不到数据目录：从 {cwd} 向上查找 data/items.yaml 或 data/items/；请用 --data DIR 或 LEDGER_DATA 指定",
    "no data folder found: looked for data/items.yaml or data/items/ from {cwd} up to the repository's top {root}; "
    "use --data DIR or LEDGER_DATA":
        "找不到数据目录：从 {cwd} 向上直到仓库顶层 {root} 查找 data/items.yaml 或 data/items/；"
        "请用 --data DIR 或 LEDGER_DATA 指定",
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
    "{name!r} is an alias of {canonical!r}: write the unit's name": "{name!r} 是 {canonical!r} 的别名：请写单位全称",
    "unknown unit {name!r}; did you mean {suggestion}?": "未知单位 {name!r}；是否为 {suggestion}？",
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
    "evidence file {file} has changed (sha256 {actual}, recorded {recorded})":
        "佐证文件 {file} 已被改动（sha256 {actual}，记录为 {recorded}）",
    "evidence path {file} leaves the evidence folder": "佐证路径 {file} 超出了佐证目录",
    "the close-out date {date} is before the item's batch date {batch}": "销号日期 {date} 早于批次日期 {batch}",
    "extensions must be in date order": "延期记录须按日期排列",
    "extension's previous deadline {previous} does not match the deadline then in force {expected}":
        "延期记录的原时限 {previous} 与当时有效的时限 {expected} 不符",
    "question {question} has no prompt in questions:": "问题 {question} 在 questions: 中没有题目",
    "item {id}": "事项 {id}",
    "{n} problems, {shown} shown: run ledger check for all of them": "共 {n} 个问题，显示 {shown} 个：运行 ledger check 查看全部",
    "a link to a missing file ({target})": "链接指向的文件不存在（{target}）",
    "there is no items file to add to: create data/items.yaml with a line items:":
        "没有可添加事项的文件：请新建 data/items.yaml，内容为一行 items:",
    # domain refusals
    "{what} {date} is before the close-out on {closed}": "{what} {date} 早于销号日期 {closed}",
    "{what} {date} is before the last extension ({last})": "{what} {date} 早于上一次延期（{last}）",
    "{what} {to} is before the approval date {date}": "{what} {to} 早于批准日期 {date}",
    "{what} {to} is not later than the deadline in force ({current})": "{what} {to} 不晚于当前有效时限（{current}）",
    "a new item needs {what} or {other}": "新增事项须提供 {what} 或 {other}",
    "item {id} is already closed (on {date} by {by})": "事项 {id} 已销号（{date}，{by}）",
    "item {id} is not closed; only a closed item can be reopened": "事项 {id} 未销号；只有已销号的事项才能重新打开",
    "item {id}: a close-out needs evidence ({what})": "事项 {id}：销号须有佐证材料（{what}）",
    "--evidence FILE or TEXT": "--evidence 文件或说明",
    "{what} must not be empty": "{what} 不能为空",
    "{what} {date} is before the batch date {batch}": "{what} {date} 早于批次日期 {batch}",
    "{what} {date} is in the future (today is {today})": "{what} {date} 是将来的日期（今天是 {today}）",
    "date {date} is before the batch date {batch}": "日期 {date} 早于批次日期 {batch}",
    "{what} {date} is before the item entered the ledger ({added})": "{what} {date} 早于该事项列入台账的日期（{added}）",
    "item {id} is ongoing (立行立改，长期坚持): it has no deadline to extend":
        "事项 {id} 为立行立改，长期坚持，没有可延期的整改时限",
    "item {id} was not in the ledger yet on {date} (it entered on {entered})":
        "{date} 时事项 {id} 尚未列入台账（{entered} 列入）",
    "item {id} already exists": "事项 {id} 已存在",
    "unknown item {id!r}": "没有事项 {id!r}",
    "unknown item {id!r}; nearest: {near}": "没有事项 {id!r}；相近的有：{near}",
    "internal error: item {id} would not read back as written{detail}": "内部错误：事项 {id} 写入后读回不一致{detail}",
    "a link out of the data folder ({target}) is not followed": "不跟随指向数据目录之外的链接（{target}）",
    # git
    "git is not installed": "未安装 git",
    "git {cmd} failed: {msg}": "git {cmd} 失败：{msg}",
    # git: undo (issue 11)
    "commit {sha} ({subject}) is not a ledger change: {reason}; nothing undone":
        "提交 {sha}（{subject}）不是台账变更：{reason}；未撤销任何内容",
    "it has no Ledger-Action trailer in its last paragraph": "其最后一段没有 Ledger-Action 尾注",
    "a ledger change has one parent, it has {n}": "台账变更只有一个父提交，它有 {n} 个",
    "it changes files outside the ledger: {files}": "它改动了台账以外的文件：{files}",
    "the files changed after commit {sha} ({subject}) in a way undo cannot follow; nothing undone":
        "提交 {sha}（{subject}）之后文件的变化无法由撤销处理；未撤销任何内容",
    # git: --commit (issue 11)
    "{what} is in progress in this repository: finish it or abort it first, then run the command again; "
    "nothing was changed": "本仓库中{what}尚未完成：请先完成或中止，再重新运行该命令；未做任何改动",
    "a merge": "合并（merge）",
    "a cherry-pick": "拣选（cherry-pick）",
    "a revert": "还原（revert）",
    "a rebase": "变基（rebase）",
    "a rebase (or git am)": "变基（rebase 或 git am）",
    'git does not know who you are: set it with git config user.name "Your Name" and git config user.email '
    "you@example.org; nothing was changed":
        'git 不知道提交人是谁：请用 git config user.name "你的名字" 和 git config user.email you@example.org 设置；'
        "未做任何改动",
    "HEAD is not on a branch (detached): switch to a branch first (git switch BRANCH); nothing was changed":
        "HEAD 不在任何分支上（游离状态）：请先切换到分支（git switch 分支名）；未做任何改动",
    "the branch {branch} has no commit yet: commit the ledger files first (git add {data} && git commit); "
    "nothing was changed": "分支 {branch} 还没有任何提交：请先提交台账文件（git add {data} && git commit）；未做任何改动",
    "{path} has staged changes: commit them, or unstage them (git restore --staged {path}), then run the command "
    "again; nothing was changed":
        "{path} 有已暂存的修改：请先提交，或取消暂存（git restore --staged {path}），再重新运行该命令；未做任何改动",
    "this change cannot be committed alone: the ledger as last committed does not pass ledger check; commit or undo "
    "the other changes first, or run without --commit; nothing was changed":
        "无法单独提交这项改动：最近一次提交的台账未通过 ledger check；请先提交或撤销其他改动，或不带 --commit 运行；"
        "未做任何改动",
    "this change does not pass ledger check on the ledger as last committed: commit the other changes first, or run "
    "without --commit; nothing was changed":
        "这项改动放在最近一次提交的台账上无法通过 ledger check：请先提交其他改动，或不带 --commit 运行；未做任何改动",
    "{path} is not committed yet: commit it first, or run without --commit; nothing was changed":
        "{path} 尚未提交：请先提交它，或不带 --commit 运行；未做任何改动",
    "item {id} has changes that are not committed yet: commit them first, or run without --commit; "
    "nothing was changed": "事项 {id} 有尚未提交的修改：请先提交，或不带 --commit 运行；未做任何改动",
    "the {hook} hook refused the commit; nothing was changed": "{hook} 钩子拒绝了这次提交；未做任何改动",
    "the {hook} hook could not run: {reason}; nothing was changed": "{hook} 钩子无法运行：{reason}；未做任何改动",
    "the pre-commit hook changed what is staged for the commit; nothing was changed":
        "pre-commit 钩子改动了待提交的内容；未做任何改动",
    "the branch {branch} moved while this command ran (another commit was made); nothing was changed: run the "
    "command again": "本命令运行期间分支 {branch} 已变动（有了另一个提交）；未做任何改动：请重新运行该命令",
    "the commit is made, but git's index could not be updated ({reason}); the next ledger command updates it, or "
    "run: git reset -q -- {paths}":
        "提交已完成，但未能更新 git 暂存区（{reason}）；下一条 ledger 命令会更新它，也可运行：git reset -q -- {paths}",
    "{paths}: staged meanwhile, left as staged; to stage the commit's version instead, run: git reset -q -- {paths}":
        "{paths}：期间已被暂存，保持原样；如要改为暂存提交中的版本，请运行：git reset -q -- {paths}",
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
    "{what}: {value!r} is not a complete date (write {forms})": "{what}：{value!r} 不是完整的日期（请写 {forms}）",
    "{what}: {value!r} is not a real date": "{what}：{value!r} 不是有效日期",
    # evidence
    "evidence {path}: is a folder, not a file": "佐证材料 {path}：是目录，不是文件",
    "evidence {path}: no such file": "佐证材料 {path}：文件不存在",
    "{problem}; to record it as text, use --evidence-text": "{problem}；如要记为文字说明，请用 --evidence-text",
    "{path}: an evidence file that no close-out refers to (orphaned)": "{path}：没有任何销号记录引用的佐证文件（孤立文件）",
    "{path}: an evidence folder that no close-out refers to (orphaned)": "{path}：没有任何销号记录引用的佐证目录（孤立目录）",
    "evidence {path}: not a regular file": "佐证材料 {path}：不是普通文件",
    "evidence {path}: over the size limit": "佐证材料 {path}：超过大小上限",
    "evidence {path}: {reason}": "佐证材料 {path}：{reason}",
    "evidence {path}: {size} bytes is over the limit of {limit} bytes (LEDGER_EVIDENCE_MAX_MB)":
        "佐证材料 {path}：{size} 字节，超过了 {limit} 字节的上限（LEDGER_EVIDENCE_MAX_MB）",
    # show
    "(originally {date})": "（原时限 {date}）",
    "Date": "日期",
    "Details": "内容",
    "Record": "记录",
    "closed by {by}": "销号人：{by}",
    "deadline {previous} → {to}: {reason}": "时限 {previous} → {to}：{reason}",
    "reopened": "重新打开",
    # ---- reading YAML
    "a value of {n} characters is over the limit of {limit}": "值长 {n} 个字符，超过了 {limit} 个字符的上限",
    "a key must be plain text": "键必须是纯文本",
    # ---- locks and atomic writes
    "cannot write in {folder}: {reason}": "无法在 {folder} 中写入：{reason}",
    "another ledger command (process {pid}) is writing in {folder}; try again":
        "另一个 ledger 命令（进程 {pid}）正在写入 {folder}；请稍后重试",
    "took over a stale lock left by process {pid}, which is no longer running": "接管了进程 {pid} 遗留的锁（该进程已不在运行）",
    "cannot write {path}: {reason}; nothing was changed": "无法写入 {path}：{reason}；未做任何改动",
    "no space left on device": "磁盘空间不足",
    "{path} is a symbolic link; the ledger does not write through links": "{path} 是符号链接；台账不会经由链接写入",
    # locks, compare-and-swap, the journal (issue 11)
    "the lock file {path} belongs to user {user} and no ledger command holds it (process {pid} left it); clear it "
    "with: rm {command}": "锁文件 {path} 属于用户 {user}，且没有 ledger 命令持有它（由进程 {pid} 遗留）；"
                          "请用以下命令清除：rm {command}",
    "the lock file {path} was removed or replaced while this command ran; nothing was changed: run the command again":
        "本命令运行期间锁文件 {path} 被删除或替换；未做任何改动：请重新运行该命令",
    "{path} changed while this command ran (another program wrote it); nothing was changed: run the command again":
        "本命令运行期间 {path} 已被改动（另一个程序写入了它）；未做任何改动：请重新运行该命令",
    "an interrupt came while the change was being written: it was completed first":
        "写入改动时收到中断：已先将改动完整写入",
    "{path} is not a journal this tool wrote; look at it, then remove it": "{path} 不是本工具写的日志；请检查后删除它",
    "{path}: a commit interrupted by process {pid} is unfinished: run a ledger command that writes (such as ledger "
    "progress) to finish it": "{path}：进程 {pid} 中断的提交尚未完成：请运行一条会写入的 ledger 命令（如 ledger "
                              "progress）来完成它",
    "finished a change that process {pid} left half done": "已完成进程 {pid} 中断时只写了一半的改动",
    "rolled back a change that process {pid} left unfinished (its commit was never made)":
        "已回退进程 {pid} 未完成的改动（其提交从未生成）",
    "could not finish the change process {pid} left half done: {files} changed since; run ledger check":
        "无法完成进程 {pid} 只写了一半的改动：{files} 之后已被改动；请运行 ledger check",
    # ---- evidence files
    "evidence folder {path} is a symbolic link; it is not followed": "佐证目录 {path} 是符号链接，不予跟随",
    "cannot copy evidence {path} into {folder}: {reason}; nothing was changed":
        "无法将佐证材料 {path} 复制到 {folder}：{reason}；未做任何改动",
    "evidence file {file} is not a regular file": "佐证文件 {file} 不是普通文件",
    # ---- merge conflicts
    "git conflict: ours {ours}, theirs {theirs}; resolve the merge first":
        "git 合并冲突：本方为 {ours}，对方为 {theirs}；请先解决合并冲突",
    "git conflict: {detail}; resolve the merge first": "git 合并冲突：{detail}；请先解决合并冲突",
    # ---- git setup and the merge driver
    "{path}: added {lines}": "{path}：已添加 {lines}",
    "{path}: already has {lines}": "{path}：已有 {lines}",
    "{path}: removed {lines}": "{path}：已删除 {lines}",
    "{path}: nothing of ledger's to remove": "{path}：没有 ledger 添加的内容，无需删除",
    "{path}: a tracked file: commit the change to share it with the other clones":
        "{path}：该文件受 git 管理，请提交此改动，以便其他克隆共享",
    "{path}: not committed yet: commit it (git add .gitattributes && git commit) so that every clone merges the "
    "ledger item by item":
        "{path}：尚未提交：请提交它（git add .gitattributes && git commit），各克隆才会逐项合并台账",
    "{path}: git would still not merge {files} with the ledger driver (another attributes line sets their merge "
    "attribute); nothing was changed":
        "{path}：git 仍不会用 ledger 合并驱动合并 {files}（另有属性行设置了它们的 merge 属性）；未做任何改动",
    "core.hooksPath is set outside this repository ({origin}: {path}): a hook installed there would run in every "
    "repository; nothing was changed. Give this repository its own hooks folder with `git config --local "
    "core.hooksPath .git/hooks` (copy into it the global hooks it still needs), then run `ledger git setup` again":
        "core.hooksPath 设在本仓库之外（{origin}：{path}）：装在那里的钩子会在所有仓库中运行；未做任何改动。"
        "请用 `git config --local core.hooksPath .git/hooks` 为本仓库单独指定钩子目录（把仍需要的全局钩子复制进去），"
        "然后重新运行 `ledger git setup`",
    "git config merge.ledger.driver: {value}": "git config merge.ledger.driver：{value}",
    "git config merge.ledger.driver: already {value}": "git config merge.ledger.driver：已为 {value}",
    "git config: removed merge.ledger": "git config：已删除 merge.ledger",
    "git config: no merge.ledger to remove": "git config：没有 merge.ledger，无需删除",
    "{hook}: installed (runs ledger check on the staged ledger files)": "{hook}：已安装（对暂存的台账文件运行 ledger check）",
    "{hook}: already installed": "{hook}：已安装，无需改动",
    "{hook}: updated": "{hook}：已更新",
    "{hook}: the hook that was there is kept as {kept} and runs first": "{hook}：原有钩子已保留为 {kept}，并先于本钩子运行",
    "{hook}: removed": "{hook}：已删除",
    "{hook}: restored the hook that was there before": "{hook}：已恢复原有钩子",
    "{hook}: not installed by ledger, left alone": "{hook}：不是 ledger 安装的，未改动",
    "{hook}: both {hook} and {kept} exist and are not ledger's; move one away and run setup again":
        "{hook}：{hook} 与 {kept} 均已存在且都不是 ledger 的；请移走其一后重新运行 setup",
    "{path}: cannot merge item by item ({reason}); merged line by line": "{path}：无法逐项合并（{reason}）；已按行合并",
    "{path}: not an items file; merged line by line": "{path}：不是问题清单文件；已按行合并",
    "{path}: {n} conflicts left in the file: edit it (ledger check shows where), then git add it":
        "{path}：文件中留有 {n} 处冲突：请编辑该文件（ledger check 会指出位置），然后 git add",
    "ledger: commit stopped by the staged ledger files ({count}): fix them, git add, commit again":
        "ledger：提交已中止，暂存的台账文件有问题（{count}）：修正后 git add，再提交",
    "git merge-file failed: {msg}": "git merge-file 失败：{msg}",
    # ---- the report by unit
    "Items": "事项数",
    "Closed": "已销号",
    "On time": "按期销号",
    "Late": "逾期销号",
    "Open": "未销号",
    "Overdue": "逾期",
    "Due in 30 days": "30天内到期",
    "No progress 30 days": "30天无进展",
    "Close rate": "销号率",
    "Lead unit": "牵头部门",
    "Responsible unit": "责任部门",
    "Question {n}": "问题{n}",
    ("On time / Late: closed on time / after the deadline · Due 30d: due within 30 days · "
    "Stale: ongoing, no progress note in 30 days"):
        "按期/超期：按期/超期销号 · 临期：30天内到期 · 无进展：长期坚持事项30天内无进展记录",
    # ---- the bulletin
    "Business environment bulletin: {period}": "营商环境建设通报（{period}）",
    "the month is not over yet": "本月尚未结束",
    "{total} items: closed {closed} (close-out rate {rate}), in progress {in_progress}, open {open}, overdue {overdue}.":
        "台账共 {total} 项：已销号 {closed} 项（销号率 {rate}），整改中 {in_progress} 项，未整改 {open} 项，逾期 {overdue} 项。",
    ("This month: {closed} closed ({on_time} on time, {late} late), {overdue} became overdue, {extended} extended, "
     "{reopened} reopened, {notes} progress notes."):
        ("本月销号 {closed} 项（按期 {on_time} 项，逾期 {late} 项），新增逾期 {overdue} 项，延期 {extended} 项，"
         "回头看重新打开 {reopened} 项，报送进展 {notes} 条。"),
    "{how}; reopened on {date}": "{how}；{date} 回头看重新打开",
    "Closed this month ({on_time} on time, {late} late)": "本月销号情况（按期 {on_time} 项，逾期 {late} 项）",
    "Closed on": "销号日期",
    "How": "情况",
    "Signed off by": "销号人",
    "closed late on {date}": "已于 {date} 逾期销号",
    "still overdue": "仍未销号",
    "extended to {date}": "已延期至 {date}",
    "Became overdue this month": "本月新增逾期事项",
    "Now": "现状",
    "Deadlines extended this month": "本月延期事项",
    "Approved on": "批准日期",
    "Reason": "理由",
    "Approved by": "批准人",
    "Reopened after a look-back (回头看)": "回头看重新打开的事项",
    "Reopened on": "重新打开日期",
    "Progress reported this month": "本月整改进展",
    "{unit}: {n} overdue": "{unit}（{n} 项）",
    "{days} days": "{days} 天",
    "Still overdue, by lead unit": "逾期未销号事项（按牵头部门）",
    "Days overdue": "逾期天数",
    "† the deadline was extended": "† 已延期",
    "Ongoing items with no progress this month": "本月无进展的长期坚持事项",
    "Last progress": "最近进展",
    "none": "无",
    "Rank": "排名",
    "Units ranked, slowest first": "单位排名（慢者在前）",
    ("Slowest first: most overdue items, then the lowest close-out rate, then most ongoing items with no progress "
    "in 30 days, then most open items."):
        "排序：逾期事项多者在前；其次销号率低者在前；再次30天无进展的长期坚持事项多者在前；再次未销号事项多者在前。",
    "None this month.": "本月无。",
    # ---- the bulletin's HTML page
    "Close-out progress by lead unit": "各牵头部门销号进度",
    "open, not overdue": "未销号（未逾期）",
    "overdue": "逾期",
    "and {n} more units": "另有 {n} 个单位",
    "Status breakdown": "整改状态构成",
    "close-out rate": "销号率",
    "Closed items over time": "销号进度曲线",
    "Closed this month": "本月销号",
    "Made by ledger from the ledger as of {date}": "由 ledger 根据截至 {date} 的台账生成",
    # ---- the spreadsheet export
    "Report by unit": "按单位统计",
    "slowest units first": "慢者在前",
    "by lead unit, slowest first": "按牵头部门，慢者在前",
    "by responsible unit, slowest first": "按责任部门，慢者在前",
    "by question, slowest first": "按问题类别，慢者在前",
    "by deadline, in date order": "按整改时限，按日期先后",
    "due today": "今天到期",
    "1 day left": "剩1天",
    "{n} days left": "剩{n}天",
    "† the deadline was extended: ledger show ID gives the original": "† 已延期：原时限见 ledger show 编号",
    "{n} item": "共 {n} 项",
    "{hidden} more row not shown: use --all or --limit N": "另有 {hidden} 行未显示：使用 --all 或 --limit N",
    # ---- the spreadsheet import
    "{path}: file not found": "{path}：文件不存在",
    "{path}: not a readable Excel workbook ({reason})": "{path}：无法读取的 Excel 工作簿（{reason}）",
    "{path}: import reads .xlsx or .csv files": "{path}：只能导入 .xlsx 或 .csv 文件",
    "column {column} is needed to add a new item": "新增事项需要“{column}”列",
    "{value!r} is not a deadline: write 2024年8月31日前, 2024-08-31 or 立行立改，长期坚持":
        "{value!r} 不是整改时限：请写 2024年8月31日前、2024-08-31 或 立行立改，长期坚持",
    ("the lines after the deadline are its extensions as recorded; they cannot change here (use ledger extend, "
    "which needs a reason)"): "时限之后各行为已记录的延期，不能在此修改（请用 ledger extend，须写明理由）",
    "the deadline of an item with a close-out on record cannot change": "有销号记录的事项不能修改整改时限",
    "filled in, but the deadline in 整改时限 does not change": "已填写，但“整改时限”未改变",
    "an extension moves the deadline to a date; a dated deadline cannot become 立行立改，长期坚持":
        "延期须延至某一日期；有日期的整改时限不能改为立行立改，长期坚持",
    ("the deadline moves from {old} to {new}: that is an extension, and it needs its reason in the column 延期理由 "
     "(and may name who approved it in 延期批准人)"):
        "整改时限由 {old} 改为 {new}：这是延期，须在“延期理由”列写明理由（可在“延期批准人”列写明批准人）",
    "recorded progress notes cannot be changed or removed; add new notes as new lines at the end":
        "已记录的进展不能修改或删除；新进展请在末尾另起一行",
    "{line!r}: a new progress note is a line 'YYYY-MM-DD what was done'": "{line!r}：新进展应写成“YYYY-MM-DD 进展内容”",
    "{line!r}: not a real date": "{line!r}：日期不存在",
    "item is closed (on {date}); reopening needs a reason: use ledger reopen":
        "事项已于 {date} 销号；重新打开须写明理由：请用 ledger reopen",
    "a recorded close-out cannot be changed by import; reopen the item (ledger reopen), then close it again":
        "已记录的销号不能通过导入修改；请先 ledger reopen 重新打开，再重新销号",
    "the look-back lines are recorded by ledger reopen; they cannot change here": "回头看记录由 ledger reopen 写入，不能在此修改",
    "filled in, but 完成情况 does not say 已销号": "已填写，但“完成情况”不是“已销号”",
    "{value!r} is not a date": "{value!r} 不是日期",
    "a close-out needs its day in 销号时间": "销号须在“销号时间”中写明日期",
    "a close-out needs evidence in 佐证材料, one per line": "销号须在“佐证材料”中写明佐证材料，每行一项",
    "a close-out needs who signed it off: write 已销号，销号人：NAME in 完成情况":
        "销号须写明销号人：在“完成情况”中写“已销号，销号人：姓名”",
    "Excel turned this id into a date: format the column as text and type the id again":
        "Excel 把编号变成了日期：请将该列设为文本格式后重新输入编号",
    "item {id} is on row {row} already": "事项 {id} 已在第 {row} 行出现",
    "control characters are not allowed": "不允许包含控制字符",
    "control character {code} is not allowed": "不允许包含控制字符 {code}",
    "a line break is not allowed here (only in a long text: text, reason, note)":
        "此处不允许换行（只有长文本可以换行：text、reason、note）",
    # ---- environment variables
    "LEDGER_TODAY: {value!r} is not a date: use YYYY-MM-DD, such as 2024-09-10":
        "LEDGER_TODAY：{value!r} 不是日期：请用 YYYY-MM-DD，如 2024-09-10",
    "LEDGER_LOCK_TIMEOUT: {value!r} is not a number of seconds (0 or more, such as 60)":
        "LEDGER_LOCK_TIMEOUT：{value!r} 不是秒数（须为 0 或更大的数，如 60）",
    "LEDGER_EVIDENCE_MAX_MB: {value!r} is not a size in megabytes (a number over 0, such as 50)":
        "LEDGER_EVIDENCE_MAX_MB：{value!r} 不是以兆字节计的大小（须为大于 0 的数，如 50）",
    "LEDGER_LANG: {value!r} is not a language of the interface: use zh or en":
        "LEDGER_LANG：{value!r} 不是界面语言：请用 zh 或 en",
    "the ledger has no items file to add new items to": "台账中没有可新增事项的文件",
    "progress notes +{n}": "新增进展 {n} 条",
    "extended to {to}": "延期至 {to}",
    "closed on {date}": "于 {date} 销号",
    # ---- report, bulletin, export and import commands
    "wrote {path}": "已写入 {path}",
    "would add {id}": "将新增 {id}",
    "would update {id}": "将更新 {id}",
    "updated {id}": "已更新 {id}",
    "{rows} rows: {new} new, {changed} changed, {same} unchanged":
        "共 {rows} 行：新增 {new} 项，更新 {changed} 项，未变 {same} 项",
    "{rows} row: {new} new, {changed} changed, {same} unchanged":
        "共 {rows} 行：新增 {new} 项，更新 {changed} 项，未变 {same} 项",
    "(dry run: nothing written)": "（试运行：未写入）",
    "{n} rows of {path} have problems; nothing was written": "{path} 中有 {n} 行存在问题；未写入任何内容",
    "{n} row of {path} has problems; nothing was written": "{path} 中有 {n} 行存在问题；未写入任何内容",
    "cannot write {path}: {reason}": "无法写入 {path}：{reason}",
    # ---- output: -o FILE, stdout, one-line errors (issue 11, findings 10-12)
    "cannot write the output: {reason}": "无法写出结果：{reason}",
    "--format {given} contradicts -o {path}, whose name says {implied}: drop --format or rename the file":
        "--format {given} 与 -o {path} 不符（文件名表明是 {implied}）：请去掉 --format 或更改文件名",
    "-o -: a workbook is binary and stdout is a terminal: redirect it, or write to a file":
        "-o -：工作簿是二进制文件，而标准输出是终端：请重定向，或写入文件",
    "-o {path} is inside the data folder {folder}, which holds only the ledger's own files: write the output elsewhere":
        "-o {path} 位于数据目录 {folder} 中，该目录只存放台账自身的文件：请写到别处",
    " and {n} more": " 等另 {n} 处",
    "{cells}: over {limit} characters, the most an xlsx cell holds; nothing was written (a .csv export has no such limit)":
        "{cells}：超过 {limit} 个字符，即 xlsx 单元格的上限；未写入任何内容（导出为 .csv 则无此限制）",
    "a formula: the ledger takes text; type the value itself": "这是公式：台账只接受文字，请直接填写内容",
    "{n} cells of {path} hold formulas; nothing was written": "{path} 中有 {n} 个单元格含公式；未写入任何内容",
    "{path}: line {line}: a cell is longer than {limit} characters, the most a ledger value may hold":
        "{path}：第 {line} 行：有单元格超过 {limit} 个字符，即台账中一个值的上限",
    "{path}: line {line}: not a readable CSV file ({reason})": "{path}：第 {line} 行：无法读取的 CSV 文件（{reason}）",
    # ---- forgiving input: ids, statuses, months as people type them (issue 15)
    "{id!r} could be any of {ids}: type the id exactly": "{id!r} 可能是 {ids} 中的任一项：请准确输入编号",
    "--id {id}: item {existing} already exists (ids that differ only in case or width are one id)":
        "--id {id}：事项 {existing} 已存在（仅大小写或全角半角不同的编号视为同一编号）",
    "use open, in_progress, pending_review or closed (also in-progress, 未整改, 整改中, 待审核, 已销号)":
        "用 open、in_progress、pending_review 或 closed（也可写 in-progress、未整改、整改中、待审核、已销号）",
    "{what}: {value!r} is not a month (write YYYY-MM, YYYY-M or 2024年8月)":
        "{what}：{value!r} 不是月份（请写 YYYY-MM、YYYY-M 或 2024年8月）",
    "{what}: {value!r} is not a real month": "{what}：{value!r} 不是有效月份",
    # ---- ledger init and ledger units (issue 12, items 1 and 2)
    "{path} is inside a git folder but not in a work tree; nothing was changed":
        "{path} 位于 git 目录内部而不在工作区中；未做任何更改",
    "next: cd {path}; ledger units add NAME --kind district|city|enterprise|group; ledger import 台账.xlsx --dry-run; "
    "git add -A && git commit":
        "下一步：cd {path}；ledger units add 单位名称 --kind district|city|enterprise|group；"
        "ledger import 台账.xlsx --dry-run；git add -A && git commit",
    "using the git repository at {path}": "使用 {path} 处的 git 仓库",
    "created a git repository in {path}": "已在 {path} 创建 git 仓库",
    "the ledger is in place, but ledger git setup did not run: {reason}; fix that, then run ledger git setup in {path}":
        "台账已建好，但 ledger git setup 未能运行：{reason}；请先解决，再在 {path} 中运行 ledger git setup",
    "Kind": "类别",
    "Aliases": "别名",
    "Note": "说明",
    "{n} units": "共 {n} 个单位",
    "{n} unit": "共 {n} 个单位",
    "added unit {name} ({kind})": "已添加单位 {name}（{kind}）",
    ", aliases {aliases}": "，别名 {aliases}",
    "no units yet: add one with ledger units add NAME --kind district|city|enterprise|group":
        "还没有单位：用 ledger units add 单位名称 --kind district|city|enterprise|group 添加",
    "{path}: created": "{path}：已创建",
    "{path}: already ignores the ledger's transient files": "{path}：已忽略台账的临时文件",
    "{path} is not a folder; nothing was changed": "{path} 不是目录；未做任何更改",
    "{path} already holds a ledger ({files}); nothing was changed": "{path} 中已有台账（{files}）；未做任何更改",
    "{path}: already there, left alone": "{path}：已存在，保持不动",
    "departments.yaml: units is not a list": "departments.yaml：units 不是列表",
    "departments.yaml lists its units in brackets ([...]); write them one block per unit (as the file's header shows) "
    "to add units with this command":
        "departments.yaml 用方括号（[...]）列出单位；请按文件开头的说明每个单位写一块，再用本命令添加单位",
    "internal error: unit {name} would not read back as written": "内部错误：单位 {name} 写入后无法原样读回",
    "{what} must be one of {kinds}, got {value!r}": "{what} 须为 {kinds} 之一，实为 {value!r}",
    "{what} {name!r} is already an alias of unit {unit!r}": "{what} {name!r} 已是单位 {unit!r} 的别名",
    "{what} is empty": "{what} 为空",
    "{what} {name!r}: {problem}": "{what} {name!r}：{problem}",
    "unit {name!r} already exists": "单位 {name!r} 已存在",
    "{what} {name!r} is the unit's own name": "{what} {name!r} 就是该单位自己的名称",
    "{what} {name!r} is given twice": "{what} {name!r} 重复给出",
    "{what} {name!r} is the name of another unit": "{what} {name!r} 是另一个单位的名称",
    "{path} has changes that are not committed yet: commit them first, or run without --commit; nothing was changed":
        "{path} 有尚未提交的修改：请先提交，或不加 --commit 运行；未做任何更改",
    "the ledger has no items yet: add them with ledger add, or ledger import FILE":
        "台账中还没有问题：用 ledger add 逐项添加，或用 ledger import 文件 导入",
    # ---- the command line's help and click's usage errors (cli/help.py, cli/usage.py; issue 15)
    "Original deadline": "原整改时限",
    "Field": "字段",
    "Value": "内容",
    "Commit": "提交",
    "Author": "作者",
    "Message": "说明",
    "Fields changed": "改动的字段",
    "Items changed": "改动的事项",
    "Usage:": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "Show this message and exit.": "显示本帮助并退出。",
    "use zh or en": "请用 zh 或 en",
    "Missing argument {name}.": "缺少参数 {name}。",
    "Missing option {name}.": "缺少选项 {name}。",
    "Missing parameter {name}.": "缺少参数 {name}。",
    "integer": "整数",
    "int range": "整数",
    "float": "数字",
    "float range": "数字",
    "boolean": "布尔值",
    "{value} is not one of {choices}.": "{value} 不是 {choices} 之一。",
    "{value} is not a valid {kind}.": "{value} 不是有效的{kind}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "Option {name} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name} does not take a value.": "选项 {name} 不带值。",
    "Unexpected extra arguments: {args}.": "多余的参数：{args}。",
    "No such command {name}.": "没有命令 {name}。",
    "No such option: {name}.": "没有选项：{name}。",
    "Missing command.": "缺少命令。",
    "Did you mean {options}?": "是否要用 {options}？",
    "Invalid value for {name}: {message}": "{name} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Try '{command} -h' for help.": "运行 '{command} -h' 查看帮助。",
    "整改销号台账 — a rectification close-out ledger over YAML files in git.":
        "整改销号台账：以 git 中的 YAML 文件记录整改事项、销号与报表。",
    "Data folder (default: data/ of the repository you stand in).":
        "数据目录（默认：当前所在仓库的 data/）。",
    "Interface language (default: LEDGER_LANG, then the locale).":
        "界面语言（默认：LEDGER_LANG，其次系统区域设置）。",
    "Ignore the validated-ledger cache.":
        "不使用已校验台账的缓存。",
    "Print the version and exit.":
        "显示版本号并退出。",
    ("Validate the ledger: schema, unique ids, known units, real dates, consistency, evidence.\n"
     "\n"
     "Prints every problem, one line each as FILE:LINE:COL: item ID: field: message, then a\n"
     "count, and exits 1 if there is any. Evidence files and folders that no close-out refers to\n"
     "(orphans) are named on stderr; they do not fail the check.\n"
     "\n"
     "Example: ledger check"):
        ("校验台账：格式、编号唯一、单位已登记、日期真实、前后一致、佐证材料。\n"
         "\n"
         "逐条列出问题，每条一行，格式为 文件:行:列: 事项 编号: 字段: 说明，最后给出问题数；有问题时退出码"
         "为 1。没有任何销号记录引用的佐证文件和目录（孤立文件）在标准错误中列出，不算校验失败。\n"
         "\n"
         "示例：ledger check"),
    "Also verify evidence files (present, same sha256).":
        "同时核验佐证文件（存在且 sha256 一致）。",
    ("List items, filtered. Every filter combines with the others.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger list --overdue\n"
     "\n"
     "  ledger list --dept 财政局 --as-of 2024-09-01 --format json\n"
     "\n"
     "  ledger list --due-soon 30 --status open"):
        ("列出事项，可筛选；各筛选条件可同时使用。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger list --overdue\n"
         "\n"
         "  ledger list --dept 财政局 --as-of 2024-09-01 --format json\n"
         "\n"
         "  ledger list --due-soon 30 --status open"),
    "Only items past their deadline and not closed.":
        "只列已过整改时限且未销号的事项。",
    "Only open items due within DAYS days.":
        "只列 DAYS 天内到期的未销号事项。",
    "Read the ledger as it stood on DATE (default today).":
        "按台账在 DATE 当天的状态读取（默认今天）。",
    "Only items with this status (also in-progress, 未整改, 整改中, 待审核, 已销号).":
        "只列该状态的事项（也可写 in-progress、未整改、整改中、待审核、已销号）。",
    "Only items this unit leads or is responsible for; repeatable (any of them).":
        "只列该单位牵头或负责的事项；可重复（任一即可）。",
    "Only items this unit leads.":
        "只列该单位牵头的事项。",
    "Only items of question N.":
        "只列第 N 类问题的事项。",
    "Only ongoing items (立行立改，长期坚持).":
        "只列长期坚持的事项（立行立改，长期坚持）。",
    "Only items with a dated deadline.":
        "只列有具体整改时限的事项。",
    "Only items due before DATE.":
        "只列整改时限早于 DATE 的事项。",
    "Only items due after DATE.":
        "只列整改时限晚于 DATE 的事项。",
    "Only items whose id, text, units or notes contain TEXT.":
        "只列编号、问题、单位或备注中含有 TEXT 的事项。",
    "Output format.":
        "输出格式。",
    "Table rows to show (default 200).":
        "表格显示的行数（默认 200）。",
    "Show every row in a table.":
        "表格显示全部行。",
    "Show one item in full, with its whole history.\n\nExample: ledger show 2-8":
        "显示一个事项的全部内容及其完整历史。\n\n示例：ledger show 2-8",
    "The item's id, such as 2-8.":
        "事项编号，如 2-8。",
    "As it stood on DATE.":
        "按 DATE 当天的状态显示。",
    ("table (a readable card), json, csv (one row per history record, each with the item's columns as list"
     " --format csv has them; an item without history is one row) or markdown (a heading, the fields, the "
     "history)."):
        ("table（便于阅读的卡片）、json、csv（每条历史记录一行，每行带有该事项与 list --format csv 相同的"
         "各列；没有历史的事项为一行）或 markdown（标题、字段、历史）。"),
    ("Cross an item off (销号), with evidence and a sign-off.\n"
     "\n"
     "Evidence is recorded in this order: --evidence (an existing file, or a value with a\n"
     "separator or an extension, is a file; anything else is text), then --evidence-file, then\n"
     "--evidence-text. A file with the same content as one already in data/evidence/ID/ is\n"
     "recorded, not copied again.\n"
     "\n"
     "Example: ledger close 2-8 --evidence 拨付凭证.pdf --evidence-text \"拨付率达到99.5%\" --by 张三"):
        ("为事项销号，附佐证材料和签署人。\n"
         "\n"
         "佐证材料按以下顺序记录：先 --evidence（已存在的文件，或带路径分隔符、扩展名的值，视为文件；其余"
         "视为文字），再 --evidence-file，最后 --evidence-text。内容与 data/evidence/ID/ 中已有文件相同的"
         "文件只记录，不再复制。\n"
         "\n"
         "示例：ledger close 2-8 --evidence 拨付凭证.pdf --evidence-text \"拨付率达到99.5%\" --by 张三"),
    "The item to cross off, such as 2-8.":
        "要销号的事项，如 2-8。",
    ("Evidence: a file to copy into data/evidence/ID/, or a description. Repeatable; at least one evidence"
     " option."):
        "佐证材料：复制到 data/evidence/ID/ 的文件，或一段文字说明。可重复；至少给出一项佐证材料选项。",
    "A file to copy into data/evidence/ID/, never taken as text (a missing file is an error). Repeatable.":
        "复制到 data/evidence/ID/ 的文件，从不当作文字（文件不存在即报错）。可重复。",
    "A description, recorded as text even if it looks like a file name (a URL, 拨付率达到99.5). Repeatable.":
        "文字说明，即使看起来像文件名（网址、拨付率达到99.5）也按文字记录。可重复。",
    "Who signs off.":
        "签署销号的人。",
    "When it happened (default today).":
        "发生日期（默认今天）。",
    "A remark on the close-out.":
        "销号备注。",
    "Make one git commit of this change (default: data/settings.yaml).":
        "为此次修改生成一次 git 提交（默认：见 data/settings.yaml）。",
    ("Reopen a closed item after a look-back (回头看) found it not fixed.\n"
     "\n"
     "The close-out moves into the item's history; nothing is deleted.\n"
     "\n"
     "Example: ledger reopen 2-8 --reason \"回头看：款项仍未拨付\" --by 区纪检监察工委"):
        ("回头看发现未整改到位时，重新打开已销号的事项。\n"
         "\n"
         "原销号记录移入该事项的历史；不删除任何内容。\n"
         "\n"
         "示例：ledger reopen 2-8 --reason \"回头看：款项仍未拨付\" --by 区纪检监察工委"),
    "Why (the look-back's finding).":
        "原因（回头看的发现）。",
    "Who reopens it.":
        "重新打开的人或单位。",
    ("Add a dated progress note (整改进展). An open item becomes in progress.\n"
     "\n"
     "Example: ledger progress 2-8 \"已拨付第一批款项\" --date 2024-07-15 --by 李四"):
        ("添加一条带日期的整改进展。未整改的事项随之变为整改中。\n"
         "\n"
         "示例：ledger progress 2-8 \"已拨付第一批款项\" --date 2024-07-15 --by 李四"),
    "What was done.":
        "做了什么。",
    "Who reports it.":
        "报送人。",
    ("Extend an item's deadline (延期), with a recorded reason. The old deadline stays on record.\n"
     "\n"
     "Example: ledger extend 2-8 --to 2024-12-31 --reason \"资金分批到位\" --approved-by 王五"):
        ("延长事项的整改时限（延期），并记录理由。原整改时限保留在记录中。\n"
         "\n"
         "示例：ledger extend 2-8 --to 2024-12-31 --reason \"资金分批到位\" --approved-by 王五"),
    "The new deadline.":
        "新的整改时限。",
    "Why it needs more time.":
        "需要延期的理由。",
    "Who approved it.":
        "批准人。",
    "The approval date, from which it applies (default today).":
        "批准日期，自该日起生效（默认今天）。",
    ("Add a new item from a later source, under the same rules as the seed items. It is recorded\n"
     "with the day it entered the ledger (added), and counts from that day on.\n"
     "\n"
     "Example: ledger add --id H-1 --source \"企业家恳谈会 2024-07-10\" --text \"园区道路照明不足。\"\n"
     "--lead 区建设环保局 --responsible 区建设环保局 --deadline 2024-12-31"):
        ("从后续来源新增一个事项，规则与首批事项相同。记录其进入台账的日期（added），并自该日起计算。\n"
         "\n"
         "示例：ledger add --id H-1 --source \"企业家恳谈会 2024-07-10\" --text \"园区道路照明不足。\" --l"
         "ead 区建设环保局 --responsible 区建设环保局 --deadline 2024-12-31"),
    "A new, unique id, such as 3-1 or H-1.":
        "新的唯一编号，如 3-1 或 H-1。",
    "The problem as reported.":
        "反映的问题原文。",
    "The lead unit (name or alias).":
        "牵头部门（全称或简称）。",
    "A responsible unit; repeatable, or separated by 、 or commas.":
        "一个责任部门；可重复，或用“、”或逗号分隔。",
    "The deadline.":
        "整改时限。",
    "The question it answers.":
        "所属问题类别。",
    "Where it came from (企业家恳谈会 2024-07-10, a complaint…).":
        "来源（企业家恳谈会 2024-07-10、一次投诉……）。",
    "The responsible leader.":
        "责任领导。",
    "The source says 等部门.":
        "来源写有“等部门”。",
    "Which items file (default items.yaml, else the last of items/).":
        "写入哪个事项文件（默认 items.yaml，否则 items/ 中的最后一个）。",
    ("The day it entered the ledger (default today; not before the file's batch date). Views of earlier da"
     "ys leave it out."):
        "进入台账的日期（默认今天；不早于所在文件的批次日期）。查看更早日期时不含该事项。",
    ("Show the ledger's history from git, newest first: date, author, message, fields changed.\n"
     "\n"
     "Examples: ledger log 2-8 · ledger log --since 2024-09-01"):
        ("显示台账在 git 中的历史，新的在前：日期、作者、说明、改动的字段。\n\n"
         "示例：ledger log 2-8 · ledger log --since 2024-09-01"),
    "Only the commits that changed this item.":
        "只看改动过该事项的提交。",
    "Commits to look at.":
        "查看的提交数。",
    ("table (text), json, csv or markdown (one row per commit: date, commit, author, message, fields chang"
     "ed)."):
        "table（文字）、json、csv 或 markdown（每个提交一行：日期、提交、作者、说明、改动的字段）。",
    ("Revert the newest ledger change (with a new commit): only a commit ledger made (its\n"
     "Ledger-Action trailer, one parent, only ledger files), and only if the files it touched\n"
     "have no uncommitted changes. Run it again to undo the change before that one.\n"
     "\n"
     "Example: ledger undo"):
        ("撤销最近一次台账修改（以一个新提交）：只撤销 ledger 自己生成的提交（带 Ledger-Action 标记、只有"
         "一个父提交、只改台账文件），且其改动的文件没有未提交的修改。再运行一次则撤销再前一次修改。\n"
         "\n"
         "示例：ledger undo"),
    ("Close-out by unit: items, closed (on time / late), open, overdue, due within 30 days, ongoing\n"
     "items with no progress for 30 days (stale) and the close-out rate (销号率), slowest units first\n"
     "(deadlines in date order).\n"
     "\n"
     "Slowest first: most overdue items, then the lowest close-out rate, then most stale, then most\n"
     "open. With --by responsible an item counts once for each responsible unit; the totals row\n"
     "counts every item once.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger report --as-of 2024-09-01\n"
     "\n"
     "  ledger report --by responsible --format json"):
        ("按单位统计销号情况：事项数、已销号（按期/逾期）、未销号、逾期、30天内到期、30天无进展的长期坚持"
         "事项（无进展）以及销号率，慢者在前（按整改时限统计时按日期排序）。\n"
         "\n"
         "排序：逾期事项多者在前；其次销号率低者在前；再次无进展事项多者在前；再次未销号事项多者在前。使用"
         " --by responsible 时，一个事项按每个责任部门各计一次；合计行每个事项只计一次。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger report --as-of 2024-09-01\n"
         "\n"
         "  ledger report --by responsible --format json"),
    "Count as the ledger stood on DATE (default today).":
        "按台账在 DATE 当天的状态统计（默认今天）。",
    "One row per lead unit, responsible unit, question or deadline.":
        "每个牵头部门、责任部门、问题类别或整改时限一行。",
    ("The monthly bulletin (营商环境建设通报): closed in the month (on time / late), became\n"
     "overdue, extensions, reopenings, progress notes, the still-overdue items by lead unit, ongoing\n"
     "items with no progress in the month, and the units ranked.\n"
     "\n"
     "The ledger is read as it stood at the end of the month (today, for the current month).\n"
     "Without --period, the month is last month.\n"
     "The HTML page needs no network: its styles and charts are inside it; it prints on A4.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger bulletin --period 2024-08\n"
     "\n"
     "  ledger bulletin --period 2024-08 -o 通报-2024-08.html"):
        ("月度通报（营商环境建设通报）：本月销号（按期/逾期）、新增逾期、延期、回头看重新打开、整改进展、"
         "按牵头部门列出的逾期未销号事项、本月无进展的长期坚持事项，以及单位排名。\n"
         "\n"
         "台账按该月月底的状态读取（当月则按今天）。不给 --period 时为上个月。HTML 页面无需联网：样式和图"
         "表都在页面内；可用 A4 纸打印。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger bulletin --period 2024-08\n"
         "\n"
         "  ledger bulletin --period 2024-08 -o 通报-2024-08.html"),
    "The month to report on (also 2024-8, 2024年8月; default: last month).":
        "通报的月份（也可写 2024-8、2024年8月；默认：上个月）。",
    "markdown, or one self-contained HTML page (default: from -o FILE's extension, else markdown).":
        "markdown，或一个独立的 HTML 页面（默认：按 -o FILE 的扩展名，否则 markdown）。",
    "Write to FILE (.md or .html; - for standard output) instead of standard output.":
        "写入 FILE（.md 或 .html；- 表示标准输出），而不是标准输出。",
    ("Export the ledger as the 整改台账 spreadsheet departments exchange.\n"
     "\n"
     "Columns: 序号, 问题编号, 反馈问题, 牵头部门, 责任部门, 整改时限, 整改进展, 完成情况, 销号时间,\n"
     "佐证材料. The xlsx has a frozen header, fitted widths, wrapped cells, overdue rows in red and a\n"
     "second sheet with the report by lead unit; the csv is UTF-8 with a BOM, so Excel shows the\n"
     "Chinese. `ledger import` reads either back. The file's extension says which (台账.csv is a\n"
     "csv); -o - writes to standard output. An xlsx cell holds at most 32,767 characters: a longer\n"
     "text is refused (a csv has no limit). The report sheet is in Chinese unless --lang en is given.\n"
     "\n"
     "Returned copies: the xlsx carries its base (a hidden sheet of what each row held), so the\n"
     "copies several departments fill in and send back import in any order: what a department did\n"
     "not touch is no change, and two copies changing one cell differently are refused, naming both\n"
     "values. A csv carries no base: import returned csv copies one at a time, re-exporting between.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger export -o 台账.xlsx\n"
     "\n"
     "  ledger export --template official --as-of 2024-09-30 -o 台账.xlsx\n"
     "\n"
     "  ledger export -o 台账.csv\n"
     "\n"
     "  ledger export --format csv -o - | head"):
        ("将台账导出为各部门交换的整改台账表格。\n"
         "\n"
         "列：序号、问题编号、反馈问题、牵头部门、责任部门、整改时限、整改进展、完成情况、销号时间、佐证材"
         "料。xlsx 冻结表头、列宽适配、单元格自动换行、逾期行标红，第二张表为按牵头部门的统计；csv 为带 BO"
         "M 的 UTF-8，Excel 能正确显示中文。`ledger import` 可读回两种格式。格式由文件扩展名决定（台账.csv"
         " 为 csv）；-o - 写到标准输出。xlsx 单元格最多 32,767 个字符：更长的文字会被拒绝（csv 无此限制）"
         "。统计表为中文，除非给出 --lang en。\n"
         "\n"
         "退回的副本：xlsx 带有其基准（一张隐藏的表，记录每行原有的内容），因此几个部门填写后退回的副本可"
         "按任意顺序导入：某部门未改动的内容不算修改，两份副本把同一单元格改得不同则拒绝，并写明双方的值。"
         "csv 不带基准：退回的 csv 副本须逐份导入，每份之间重新导出。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger export -o 台账.xlsx\n"
         "\n"
         "  ledger export --template official --as-of 2024-09-30 -o 台账.xlsx\n"
         "\n"
         "  ledger export -o 台账.csv\n"
         "\n"
         "  ledger export --format csv -o - | head"),
    "The day the sheet stands at: the 截至 row, the overdue marks and the report (default today).":
        "表格所依据的日期：“截至”行、逾期标记和统计（默认今天）。",
    ("default, or official: for the supervising office, with a title row, a 截至 row and the columns 问题"
     "类别, 整改目标, 整改措施, 责任领导, 责任人, 是否销号 and 备注."):
        ("default，或 official：报送督查部门的格式，带标题行、“截至”行，以及问题类别、整改目标、整改措施、"
         "责任领导、责任人、是否销号和备注各列。"),
    "The official template's title row (default: the batch's name + 反馈问题整改台账, else 整改销号台账).":
        "official 模板的标题行（默认：批次名称 + 反馈问题整改台账，否则为 整改销号台账）。",
    "The file to write (.xlsx or .csv; - for standard output).":
        "要写入的文件（.xlsx 或 .csv；- 表示标准输出）。",
    "xlsx (Excel) or csv (UTF-8 with a BOM) (default: from -o FILE's extension, else xlsx).":
        "xlsx（Excel）或 csv（带 BOM 的 UTF-8）（默认：按 -o FILE 的扩展名，否则 xlsx）。",
    (
     "Import a 台账 spreadsheet: the export, or an office's own 台账 in its own layout.\n"
     '\n'
     'The header is found in the first 20 rows of each sheet (title, 截至 and 填报单位 rows above it,\n'
     "two-level headers, the offices' column names: 序号, 问题描述, 牵头单位, 责任单位, 完成时限 …);\n"
     'blank, section (一、 （一）), 合计 and 注： rows are skipped; merged cells are filled. Deadlines\n'
     'are read as written (2024年6月底前, 6月底完成, 2020.12, 年底前, 三季度, 立行立改，长期坚持, date\n'
     "cells); one without a year takes the plan's year (title, 截至 row, --year). Several units per\n"
     'cell; the first lead leads. --dry-run prints how every column, deadline and unit was read.\n'
     '\n'
     'Every row is checked first; problems print as FILE:SHEET:ROW:COLUMN: message and nothing is\n'
     'written unless every row is valid. Known items are updated; a new deadline in 整改时限 is an\n'
     'extension from today, with its reason in 延期理由; new lines at the end of 整改进展 become\n'
     "progress notes (an office's free text: one note dated by the 截至 row or --as-of); a row\n"
     'marked 已销号，销号人：NAME with 销号时间 and 佐证材料 closes an open item, and a row saying\n'
     '已完成 or 是否销号 是 without them is kept as a claim awaiting evidence. Recorded history is\n'
     'never changed or removed by a sheet.\n'
     '\n'
     'Examples:\n'
     '\n'
     '  ledger import 台账.xlsx --dry-run\n'
     '\n'
     '  ledger import 整改台账.xlsx --batch zj2024 --add-units --dry-run\n'
     '\n'
     '  ledger import 台账.csv --year 2024 --map 整改责任人=责任人'
    ):
        (
         '导入台账表格：本工具导出的台账，或各单位按自己格式填写的台账。\n'
         '\n'
         '在每个工作表的前 20 行中查找表头（其上的标题行、截至行和填报单位行，两级表头，各单位的列名：序号'
         '、问题描述、牵头单位、责任单位、完成时限……）；空行、分类标题行（一、 （一））、合计行和注释行被跳'
         '过；合并单元格被填充。整改时限按原文识别（2024年6月底前、6月底完成、2020.12、年底前、三'
         '季度、立行立改，长期坚持、日期单元格）；未写年份的取方案年份（标题、截至行、--year）。一格可填多个单位；多个'
         '牵头单位时第一个牵头。--dry-run 列出每一列、每个时限和单位是如何识别的。\n'
         '\n'
         '先逐行检查；问题以 文件:工作表:行:列: 说明 的格式列出，只有每一行都有效才写入。已登记的事项被'
         '更新；整改时限中的新日期视为自今天起的延期，理由写在“延期理由”列；整改进展末尾新增的行成为进展记录'
         '（各单位的自由文字：按截至行或 --as-of 记为一条进展）；标为“已销号，销号人：姓名”并填有销'
         '号时间和佐证材料的行为未销号事项销号，写着“已完成”或“是否销号：是”而没有这些的行记为待佐证的自报完成。已记录'
         '的历史不会被表格修改或删除。\n'
         '\n'
         '示例：\n'
         '\n'
         '  ledger import 台账.xlsx --dry-run\n'
         '\n'
         '  ledger import 整改台账.xlsx --batch zj2024 --add-units --dry-run\n'
         '\n'
         '  ledger import 台账.csv --year 2024 --map 整改责任人=责任人'
        ),
    "The 台账 sheet to read.":
        "要读取的台账表格。",
    'Check every row and print how the sheet was read and what would change; write nothing.':
        '检查每一行，列出表格是如何识别的以及将要做的修改；不写入任何内容。',
    'The sheet to read (default: the one whose header matches best).':
        '要读取的工作表（默认：表头最匹配的一个）。',
    'Read a column the tool does not know (repeatable).':
        '读取本工具不认识的列（可重复）。',
    "The plan's year, for deadlines that name none, when the sheet's title and 截至 row do not say it.":
        '方案年份：表格标题和截至行都没有写明时，用于未写年份的整改时限。',
    'Import into the batch NAME (items/NAME.yaml; ids NAME-<序号>).':
        '导入到批次 NAME（items/NAME.yaml；编号为 NAME-<序号>）。',
    "A new batch's source (default: the sheet's 填报单位, else the file's name).":
        '新批次的来源（默认：表格的填报单位，否则为文件名）。',
    "A new batch's day (default: the sheet's 截至 row).":
        '新批次的日期（默认：表格的截至行）。',
    'The day the sheet stands as of, when it has no 截至 row (dates free-text 整改进展).':
        '表格的截至日期，表中没有截至行时使用（为未注明日期的整改进展定日期）。',
    'Add the units the sheet names that the ledger lacks (as ledger units add does).':
        '添加表格中出现而台账中没有的单位（与 ledger units add 相同）。',
    "Make one git commit of the import (default: data/settings.yaml).":
        "为此次导入生成一次 git 提交（默认：见 data/settings.yaml）。",
    ("Merge a ledger file item by item. Git runs this during a merge once `ledger git setup`\n"
     "has registered it; you do not type it.\n"
     "\n"
     "Items changed on one side take that side's block; items added on either side are all kept;\n"
     "progress notes, extensions and evidence added on both sides are all kept. The same field\n"
     "changed differently on both sides (two close dates) is a conflict: the file is left with\n"
     "conflict markers around that item and a note naming the field and both values, the\n"
     "conflicts are printed, and the exit code is 1. The result is validated before it is kept.\n"
     "\n"
     "Example (what git runs): ledger merge-driver .merge_file_a .merge_file_b .merge_file_c data/items.ya"
     "ml"):
        ("逐个事项合并台账文件。由 `ledger git setup` 注册后，git 在合并时运行它；无需手动输入。\n"
         "\n"
         "只在一方改动的事项取该方的内容；任一方新增的事项都保留；双方新增的整改进展、延期和佐证材料都保留"
         "。同一字段在双方改得不同（两个销号日期）即为冲突：文件中该事项两侧留下冲突标记和一条写明字段及双"
         "方取值的说明，列出冲突，退出码为 1。结果经校验后才保留。\n"
         "\n"
         "示例（git 运行的命令）：ledger merge-driver .merge_file_a .merge_file_b .merge_file_c data/items"
         ".yaml"),
    "The common ancestor's version (git's %O).":
        "共同祖先的版本（git 的 %O）。",
    "Our version, replaced by the result (git's %A).":
        "我方版本，将被合并结果替换（git 的 %A）。",
    "Their version (git's %B).":
        "对方版本（git 的 %B）。",
    "The file's path in the repository (git's %P).":
        "该文件在仓库中的路径（git 的 %P）。",
    ("Print the shell script that completes ledger's commands, options and their values.\n"
     "\n"
     "Install it once, then open a new shell:\n"
     "\n"
     "  bash: ledger completion bash > ~/.local/share/bash-completion/completions/ledger\n"
     "\n"
     "  zsh: ledger completion zsh > ~/.zfunc/_ledger (with fpath+=~/.zfunc before compinit in ~/.zshrc)\n"
     "\n"
     "  fish: ledger completion fish > ~/.config/fish/completions/ledger.fish\n"
     "\n"
     "Or for this shell only: eval \"$(ledger completion bash)\""):
        ("输出在 shell 中补全 ledger 命令、选项及其取值的脚本。\n"
         "\n"
         "安装一次，然后打开新的 shell：\n"
         "\n"
         "  bash: ledger completion bash > ~/.local/share/bash-completion/completions/ledger\n"
         "\n"
         "  zsh: ledger completion zsh > ~/.zfunc/_ledger（并在 ~/.zshrc 的 compinit 之前加 fpath+=~/.zfun"
         "c）\n"
         "\n"
         "  fish: ledger completion fish > ~/.config/fish/completions/ledger.fish\n"
         "\n"
         "或只对当前 shell 生效：eval \"$(ledger completion bash)\""),
    "The shell to complete in.":
        "要补全的 shell。",
    ("Start a ledger of your own in DIR: a git repository (made if DIR is not in one) with\n"
     "data/items.yaml (no items yet), data/departments.yaml (no units yet, a commented template),\n"
     "data/settings.yaml and a README; then `ledger git setup` registers the item-level merge\n"
     "and the pre-commit check. A DIR whose data/ already holds a ledger is refused, and nothing\n"
     "is changed. `ledger --data DIR/data check` passes at once.\n"
     "\n"
     "Example: ledger init 整改台账 && cd 整改台账 && ledger units add 区财政局 --kind district"):
        ("在 DIR 中新建一个台账：一个 git 仓库（DIR 不在仓库中时新建），含 data/items.yaml（尚无事项）、da"
         "ta/departments.yaml（尚无单位，附带注释的模板）、data/settings.yaml 和一份 README；然后 `ledger "
         "git setup` 注册逐事项合并和提交前检查。DIR 的 data/ 中已有台账时拒绝，且不做任何修改。`ledger --"
         "data DIR/data check` 立即通过。\n"
         "\n"
         "示例：ledger init 整改台账 && cd 整改台账 && ledger units add 区财政局 --kind district"),
    "The new ledger's repository (made if missing).":
        "新台账所在的仓库（不存在则新建）。",
    "Make git work for the ledger: item-level merges, a pre-commit check.":
        "让 git 适用于台账：逐事项合并、提交前检查。",
    ("Register the item-level merge driver and the pre-commit check in this clone.\n"
     "\n"
     "Adds `data/*.yaml merge=ledger` and `data/items/*.yaml merge=ledger` (and *.yml) to .gitattributes,"
     "\n"
     "sets `merge.ledger.driver` in the repository's git config (this ledger, by absolute path),\n"
     "and installs a pre-commit hook that runs `ledger check` on the staged ledger files (a hook\n"
     "already there is kept and runs first). Run it once in every clone; running it again\n"
     "changes nothing.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger git setup\n"
     "\n"
     "  ledger git setup --uninstall"):
        ("在本克隆中注册逐事项合并驱动和提交前检查。\n"
         "\n"
         "在 .gitattributes 中加入 `data/*.yaml merge=ledger` 和 `data/items/*.yaml merge=ledger`（以及 *."
         "yml），在仓库的 git 配置中设置 `merge.ledger.driver`（即本程序，绝对路径），并安装一个提交前钩子"
         "，对暂存的台账文件运行 `ledger check`（已有的钩子保留并先运行）。每个克隆运行一次；再次运行不做"
         "任何改动。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger git setup\n"
         "\n"
         "  ledger git setup --uninstall"),
    "Remove exactly what setup added.":
        "准确移除 setup 添加的内容。",
    ("Run `ledger check` on the ledger files as they are staged for the next commit.\n"
     "\n"
     "This is what the pre-commit hook installed by `ledger git setup` runs: it checks the\n"
     "staged version (not the working copy), prints every problem and exits 1 to stop the commit.\n"
     "Quiet and quick when the commit does not touch the data folder.\n"
     "\n"
     "Example: ledger git pre-commit"):
        ("对暂存待提交的台账文件运行 `ledger check`。\n"
         "\n"
         "这是 `ledger git setup` 安装的提交前钩子所运行的命令：它检查暂存的版本（而非工作区），列出每个问"
         "题，并以退出码 1 阻止提交。提交不涉及数据目录时安静而迅速。\n"
         "\n"
         "示例：ledger git pre-commit"),
    "The units items name (departments.yaml): list them, add one.":
        "事项所涉及的单位（departments.yaml）：列出、新增。",
    ("List the units of departments.yaml: name, kind, aliases, note, roles, email, in the file's order.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger units list\n"
     "\n"
     "  ledger units list --format json"):
        ("列出 departments.yaml 中的单位：名称、类别、简称、备注、角色、邮箱，按文件中的顺序。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger units list\n"
         "\n"
         "  ledger units list --format json"),
    "table, json or csv.":
        "table、json 或 csv。",
    ("Add a unit to departments.yaml: one block after the last unit, every other byte of the\n"
     "file kept. Refused, with nothing changed, when the name or an alias is already a unit's\n"
     "name or alias.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger units add 区财政局 --kind district --alias 财政局\n"
     "\n"
     "  ledger units add 各镇（街道） --kind group"):
        ("向 departments.yaml 新增一个单位：在最后一个单位之后加一段，文件其余每个字节保持不变。名称或简称"
         "已是某单位的名称或简称时拒绝，且不做任何修改。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger units add 区财政局 --kind district --alias 财政局\n"
         "\n"
         "  ledger units add 各镇（街道） --kind group"),
    "The unit's full name, as the plan and the 台账 write it.":
        "单位全称，与整改方案和台账中的写法一致。",
    "district (区县级部门), city (市级单位), enterprise (企业) or group (成员未列出的单位集合).":
        "district（区县级部门）、city（市级单位）、enterprise（企业）或 group（成员未列出的单位集合）。",
    "A short form accepted wherever a unit is typed; repeatable.":
        "简称，凡填写单位处均可使用；可重复。",
    # ---- import of an office's own 台账 (issue 12 item 3)
    "(of {sheets})": "（共有工作表：{sheets}）",
    ", {n} new units": "，新增单位 {n} 个",
    ", {n} new unit": "，新增单位 {n} 个",
    "as of: {date}": "截至：{date}",
    "batch {id}: {name}, {date}, source {source}": "批次 {id}：{name}，{date}，来源 {source}",
    "columns:": "列：",
    "from --year": "来自 --year",
    "from the title": "来自标题",
    "from the 截至 row": "来自截至行",
    "item {id}: the text is mostly rewritten ({kept}% kept): check the row is the same problem":
        "问题 {id}：文字大部分被改写（保留 {kept}%）：请核对该行是否仍是同一问题",
    "new unit {name} ({kind}), first on row {row}": "新增单位 {name}（{kind}），首见于第 {row} 行",
    "plan year: {year} ({where})": "方案年份：{year}（{where}）",
    "read sheet {sheet!r}, header on row {row}": "读取工作表 {sheet!r}，表头在第 {row} 行",
    "row {row}": "第 {row} 行",
    "row {row} skipped: {why}: {text}": "第 {row} 行已跳过：{why}：{text}",
    "row {row}: {column}: read {words}": "第 {row} 行：{column}：识别出 {words}",
    "row {row}: 整改时限 {phrase!r} → {deadline} ({how})": "第 {row} 行：整改时限 {phrase!r} → {deadline}（{how}）",
    "title: {title}": "标题：{title}",
    "a section row": "分类标题行",
    "a totals row": "合计行",
    "a note": "注释行",
    "(claimed done, awaiting evidence)": "（自报已完成，待佐证）",
    "Contact": "责任人",
    "Category": "问题类别",
    "Target": "整改目标",
    "Measures": "整改措施",
    "Claimed done": "自报完成",
    "Remarks": "备注",
    "{date} {text} (awaiting evidence and sign-off)": "{date} {text}（待佐证材料和销号）",
    "--batch {name!r}: use letters, digits and dashes (it begins each of the batch's ids)":
        "--batch {name!r}：请用字母、数字和连字符（它是该批次各问题编号的前缀）",
    "--batch {name}: a new batch needs its day: the sheet has no 截至 row; give --date YYYY-MM-DD":
        "--batch {name}：新批次需要日期：表中没有截至行；请用 --date YYYY-MM-DD 指定",
    "--batch {name}: the batch's day {date} is in the future (today is {today})":
        "--batch {name}：批次日期 {date} 在未来（今天是 {today}）",
    "{path} exists but is not the file of a batch {name}": "{path} 已存在，但不是批次 {name} 的文件",
    "progress without dates needs the day the sheet stands as of: a 截至 row, or --as-of YYYY-MM-DD":
        "未注明日期的整改进展需要表格的截至日期：截至行，或 --as-of YYYY-MM-DD",
    "--map {value!r}: write 表头=字段, the field one of {fields}": "--map {value!r}：请写 表头=字段，字段为 {fields} 之一",
    "claims completion ({words}): awaiting evidence": "自报完成（{words}）：待佐证",
    "item {id} belongs to another batch": "问题 {id} 属于另一批次",
    "no column gives the items' numbers (问题编号 or 序号): add one, or name it with --map 表头=问题编号":
        "没有给出问题编号的列（问题编号或序号）：请添加一列，或用 --map 表头=问题编号 指定",
    "(the year from the sheet)": "（年份取自表格）",
    "a date cell": "日期单元格",
    "no lead unit: {name}, listed first, leads": "未填牵头单位：由列在首位的 {name} 牵头",
    "one lead unit per item; the others go to 责任部门": "每项只有一个牵头部门；其余请填入责任部门",
    "{value!r} names no year, and neither does the sheet's title or 截至 row: give --year YYYY":
        "{value!r} 未写年份，表格标题和截至行也没有：请用 --year YYYY 指定",
    "--sheet {name!r}: the workbook has the sheets {names}": "--sheet {name!r}：工作簿中的工作表为 {names}",
    "no header row naming 问题编号/序号 or 反馈问题/问题描述 (and one more column) in the first {n} rows":
        "前 {n} 行中没有含问题编号/序号或反馈问题/问题描述（且至少另有一列）的表头行",
    "{path}: not UTF-8 or GB18030 text; save it as CSV UTF-8 and import it again":
        "{path}：不是 UTF-8 或 GB18030 文本；请另存为“CSV UTF-8”后再导入",
    "{path}: the file reads as a 台账 in {encodings} alike; save it as CSV UTF-8 and import it again":
        "{path}：按 {encodings} 都能读成台账，无法判断编码；请另存为“CSV UTF-8”后再导入",
    "{path} exists already": "{path} 已存在",
    "a month: its last day": "月份：取该月最后一天",
    "the year's end": "年底",
    "half a year": "半年",
    "a quarter: its last day": "季度：取该季度最后一天",
    "a date": "日期",
    "an ongoing phrase": "长期坚持类表述",
    "{n} claimed done, awaiting evidence (ledger close)": "{n} 项自报已完成、待佐证（ledger close）",
    ("this sheet changes it to {ours!r}, but since the export of {date} the ledger has changed it to {theirs!r}; "
     "make them agree in the sheet"):
        "本表改为 {ours!r}，但自 {date} 导出以来台账已改为 {theirs!r}；请在表中改为一致",
    ("--as-of {date}: item {id} has a record of {day}, which the sheet would show; use a day on or after the last "
     "record"):
        "--as-of {date}：事项 {id} 有 {day} 的记录，表中会显示它；请用不早于最后一条记录的日期",
    # ledger edit (corrections with a record) and log --since
    "who corrects it is required": "须提供更正人",
    "nothing to edit: give --text, --lead, --responsible, --source or --deadline-class":
        "没有要更正的内容：请给出 --text、--lead、--responsible、--source 或 --deadline-class",
    "edited {id}: {fields}": "已更正 {id}：{fields}",
    "no ledger commits since {date}": "{date} 以来没有台账提交",
    "item {id}: an edit needs at least one field to change": "事项 {id}：更正至少要改一个字段",
    "item {id}: nothing to change: every field given already has that value": "事项 {id}：无可更改：所给各字段已是该值",
    "item {id}: its {what} cannot be corrected once an extension or a close-out rests on it":
        "事项 {id}：已有延期或销号记录以其为准，{what} 不能再更正",
    "{what} {date} is before the item's last edit ({last})": "{what} {date} 早于该事项上一次更正（{last}）",
    "edits must be in date order": "更正记录须按日期排列",
    "an edit must name the fields it changed": "更正记录须写明所改字段",
    "a field is named twice": "字段重复列出",
    "an old value for a field the edit did not change ({field})": "该更正未改的字段有原值（{field}）",
    "the edit of {field} changes nothing: the old value is the new one": "对 {field} 的更正没有改动：原值与新值相同",
    "Edit": "更正",
    "before: {values}": "更正前：{values}",
    "Only the changes made on or after this day.": "只看该日及以后的改动。",
    "The item to correct, such as 2-8.": "要更正的事项，如 2-8。",
    "The responsible units, all of them: repeatable, or separated by 、 or commas.":
        "全部责任单位：可重复，或用 、 或逗号分隔。",
    "Where it came from.": "来源。",
    ("The original deadline's class: a date (限期整改, by that day) or ongoing (立行立改，长期坚持). Only while no "
     "extension or close-out rests on it."):
        "原整改时限的类别：日期（限期整改，该日前完成）或 ongoing（立行立改，长期坚持）。仅限尚无延期或销号记录时。",
    "Why it is corrected.": "更正理由。",
    "Who corrects it.": "更正人。",
    # ledger bulletin --week (周调度)
    "--week and --period: give one of them": "--week 与 --period 只能给一个",
    "--week: {value!r} is not an ISO week (write YYYY-Www, such as 2024-W35)":
        "--week：{value!r} 不是 ISO 周（请写成 YYYY-Www，如 2024-W35）",
    "--week {week} has not begun yet (today is {today})": "--week {week} 尚未开始（今天是 {today}）",
    ("The weekly scheduling report (周调度) of an ISO week instead: new, progressed, closed and newly red "
     "items."):
        "改为某一 ISO 周的周调度：新增、有进展、已销号和新亮红灯的事项。",
    "Weekly scheduling: {week}": "周调度：{week}",
    "the week is not over yet": "本周尚未结束",
    "{total} items in the ledger. This week: {new} new, {progressed} progressed, {closed} closed, {red} newly red.":
        "台账共 {total} 项。本周：新增 {new} 项，有进展 {progressed} 项，销号 {closed} 项，新亮红灯 {red} 项。",
    "New this week": "本周新增",
    "Progressed this week": "本周有进展",
    "Closed this week": "本周销号",
    "Newly red this week (overdue)": "本周新亮红灯（逾期）",
    "Entered on": "列入日期",
    "Red since": "亮红灯日期",
    "None this week.": "本周无。",
    # ledger remind (信息直达) and mail
    "The folder to write the reminders to (made if missing).": "写入提醒的文件夹（不存在则新建）。",
    "The day the lights are read on (default today).": "按哪一天亮灯（默认今天）。",
    "Only this unit's reminder.": "只写该单位的提醒。",
    "Also send the .eml files over SMTP (smtp: in data/settings.yaml).":
        "同时通过 SMTP 发送 .eml 文件（见 data/settings.yaml 的 smtp:）。",
    ("Write a reminder (信息直达) for each unit that leads or shares a red, yellow or blue item:\n"
     "DIR/<unit>.md, and DIR/<unit>.eml for a unit with an email in departments.yaml.\n"
     "\n"
     "Example: ledger remind --as-of 2024-09-01 --out 提醒"):
        "为牵头或参与红灯、黄牌、蓝标事项的每个单位写一份提醒（信息直达）：\n"
        "DIR/<单位>.md；departments.yaml 中写有 email 的单位另写 DIR/<单位>.eml。\n\n"
        "示例：ledger remind --as-of 2024-09-01 --out 提醒",
    "the folder to write to is required": "须指定写入的文件夹",
    "--out {path} is not a folder": "--out {path} 不是文件夹",
    ("--out {path} is inside the data folder {folder}, which holds only the ledger's own files: write the reminders "
     "elsewhere"):
        "--out {path} 在数据文件夹 {folder} 内，该文件夹只存放台账自己的文件：请把提醒写到别处",
    "--send needs smtp: with host, port and sender in data/settings.yaml":
        "--send 需要 data/settings.yaml 中的 smtp:（host、port 和 sender）",
    "{unit} has no red, yellow or blue item on {date}": "{date} {unit} 没有红灯、黄牌或蓝标事项",
    "no unit has a red, yellow or blue item on {date}": "{date} 没有单位有红灯、黄牌或蓝标事项",
    "unit {unit!r}: its name cannot be a file name; rename the unit": "单位 {unit!r}：名称不能用作文件名；请给单位改名",
    "departments.yaml: unit {unit}: email {email!r} is not an e-mail address":
        "departments.yaml：单位 {unit}：email {email!r} 不是电子邮件地址",
    ("unit {unit} has an email: a message needs a sender; add smtp: with host, port and sender to "
     "data/settings.yaml"):
        "单位 {unit} 写有 email：邮件需要发件人；请在 data/settings.yaml 中添加 smtp:（host、port 和 sender）",
    "sent {file} to {to}": "已发送 {file} 至 {to}",
    "past the deadline": "已过整改时限",
    "due within {n} days": "{n}天内到期",
    "Reminder for {unit}: {n} items need attention (as of {date})": "{unit}整改提醒：{n} 项事项需关注（截至 {date}）",
    "Reminder: {unit}": "整改提醒：{unit}",
    "{n} items need attention: {red} red, {yellow} yellow, {blue} blue.":
        "需关注事项 {n} 项：红灯 {red} 项，黄牌 {yellow} 项，蓝标 {blue} 项。",
    "Role": "角色",
    "Days left": "剩余天数",
    "{key}: missing": "{key}：缺少",
    "{key}: must be a host name": "{key}：须为主机名",
    "{key}: must be a port number, 1 to 65535": "{key}：须为端口号，1 到 65535",
    "{key}: must be an e-mail address": "{key}：须为电子邮件地址",
    "{key}: must be true or false": "{key}：须为 true 或 false",
    "{path}: cannot make the folder: {reason}": "{path}：无法新建文件夹：{reason}",
    "smtp {server}: {reason} ({sent} sent before)": "smtp {server}：{reason}（此前已发送 {sent} 封）",
    ("Correct an item's plain fields (text, units, source, deadline class), keeping the old values\n"
     "in its history with who, when and why. Progress, extensions and close-outs are never changed.\n"
     "\n"
     "Example: ledger edit 2-8 --lead 区建设环保局 --reason \"牵头单位录入有误\" --by 张三"):
        "更正事项的基本字段（问题、单位、来源、时限类别），原值连同更正人、时间和理由留在历史中。"
        "整改进展、延期和销号记录不会改动。\n\n示例：ledger edit 2-8 --lead 区建设环保局 --reason \"牵头单位录入有误\" --by 张三",
    # lights (亮灯)
    "red": "红灯",
    "yellow": "黄牌",
    "blue": "蓝标",
    "green": "绿灯",
    "Red": "红灯",
    "Yellow": "黄牌",
    "Blue": "蓝标",
    "Light": "亮灯",
    "Points": "计分",
    "Supervision": "督办措施",
    "overdue by 1 day": "逾期1天",
    "overdue by {days} days": "逾期{days}天",
    "returned, not requested again": "申请销号被退回，尚未重新申请",
    "ongoing, no progress note yet": "长期坚持事项，尚无进展记录",
    "ongoing, no progress note for {days} days": "长期坚持事项，{days}天无进展记录",
    "on track": "正常推进",
    "no red, yellow or blue items": "没有亮红灯、黄牌或蓝标的事项",
    "red {red}, yellow {yellow}, blue {blue}": "红灯 {red}，黄牌 {yellow}，蓝标 {blue}",
    "The lights as the ledger stood on DATE (default today).": "按台账在 DATE 当天的状态计算亮灯（默认今天）。",
    "Only items this unit leads or is responsible for.": "只列该单位牵头或负责的事项。",
    "Only items with this light (亮灯; see ledger lights).": "只列亮该颜色灯的事项（见 ledger lights）。",
    "use red, yellow, blue or green": "请用 red、yellow、blue 或 green",
    "R / Y / B: red, yellow and blue lights (ledger lights)": "红 / 黄 / 蓝：亮红灯、黄牌、蓝标的事项数（ledger lights）",
    "Rev / Ret: requests for sign-off awaiting review / returned": "待审 / 退回：待审核、被退回的销号申请数",
    "Lights and requests for sign-off: in a wider terminal, or --format csv": "亮灯与销号申请：终端更宽时显示，或用 --format csv",
    "interview (约谈)": "约谈",
    "supervision letter (专函督办)": "专函督办",
    "Lights (亮灯) on {date}": "{date} 亮灯情况",
    "Lights this month and points, by lead unit": "本月亮灯与计分（按牵头部门）",
    ("An item counts once in the month: red if it was red on any day of it, else yellow if it was yellow "
     "on any day. Points: {red} a red item, {second_yellow} each yellow item after the first; a red brings "
     "an interview (约谈), two yellows a supervision letter (专函督办)."):
        ("每个事项每月只计一次：当月任何一天亮红灯即计红灯，否则任何一天亮黄牌即计黄牌。计分：每个红灯 {red} 分，"
         "第二个及以后每个黄牌 {second_yellow} 分；亮红灯的单位约谈，两个黄牌的单位专函督办。"),
    "must be a mapping of {names}": "应为含 {names} 的映射",
    "{key}: unknown; use {names}": "{key}：未知的键；可用 {names}",
    "{key}: must be a whole number": "{key}：应为整数",
    "{key}: must be a whole number of days, {low} or more": "{key}：应为不少于 {low} 的整数天数",
    "yellow_days must not be more than blue_days": "yellow_days 不能大于 blue_days",
    ("The red, yellow and blue items (亮灯) with the reason for each, computed from the history.\n"
     "\n"
     "red: overdue. yellow: a dated item due within 7 days, a returned request not requested again,\n"
     "or an ongoing item with no progress note in the last 30 days. blue: a dated item due within\n"
     "30 days. Every other open item is green; closed items have no light. The days are set in\n"
     "settings.yaml (lights: yellow_days, blue_days, silent_days).\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger lights --as-of 2024-08-25\n"
     "\n"
     "  ledger lights --unit 区财政局 --format json"):
        ("列出亮红灯、黄牌和蓝标的事项及原因，按记录的历史计算。\n"
         "\n"
         "红灯：已逾期。黄牌：7天内到期的有时限事项、申请销号被退回且尚未重新申请的事项，或30天内没有进展记录的\n"
         "长期坚持事项。蓝标：30天内到期的有时限事项。其余未销号事项为绿灯；已销号事项不亮灯。天数可在\n"
         "settings.yaml 中设置（lights: yellow_days、blue_days、silent_days）。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger lights --as-of 2024-08-25\n"
         "\n"
         "  ledger lights --unit 区财政局 --format json"),
    # ---- the two-step sign-off (ledger request / approve / return), settings.yaml
    "a request on {date} is before the previous round ended ({last})": "申请日期 {date} 早于上一轮审核结束（{last}）",
    "only the last round may await review": "只有最后一轮可以待审核",
    "a return needs a reason": "退回须写明理由",
    "in publicity": "公示中",
    "Requests for sign-off, by lead unit": "各牵头单位销号申请情况",
    "Awaiting review": "待审核",
    "the review on {date} is before its request ({request})": "审核日期 {date} 早于其申请（{request}）",
    "an approved round has no close-out on its date": "审核通过的一轮在其日期没有销号记录",
    "a request awaits review but status is {status!r}": "有申请待审核，但状态为 {status!r}",
    "status is pending_review but no request awaits review": "状态为 pending_review，但没有待审核的申请",
    "the close-out's request is not an approved round": "销号记录中的申请不是审核通过的一轮",
    "item {id} awaits review (requested on {date} by {unit}): approve or return it first":
        "事项 {id} 待审核（{unit} 于 {date} 申请）：请先审核通过或退回",
    "{what} {date} is before the last review ({last})": "{what} {date} 早于上次审核（{last}）",
    "{what} {date} is before the reopening on {reopened}": "{what} {date} 早于 {reopened} 的重新打开",
    "{what} {unit} is neither the lead nor a responsible unit of item {id}":
        "{what} {unit} 既不是事项 {id} 的牵头单位，也不是其责任单位",
    "item {id}: a request needs evidence ({what})": "事项 {id}：申请销号需要佐证材料（{what}）",
    "item {id} has no request awaiting review": "事项 {id} 没有待审核的申请",
    "{what} {unit} is not a reviewing unit (reviewers: {reviewers})": "{what} {unit} 不是审核单位（审核单位：{reviewers}）",
    "{what} {date} is before the request on {requested}": "{what} {date} 早于 {requested} 的申请",
    "must be true or false": "应为 true 或 false",
    "must be required or optional": "应为 required 或 optional",
    "must be a whole number of days, 0 or more": "应为整数天数，0 或以上",
    "must be a unit's name": "应为单位名称",
    "unknown setting; the settings are {names}": "未知设置项；可用的设置项为 {names}",
    ("review is required (settings.yaml review: required): ask for sign-off with ledger request, then ledger "
     "approve"):
        "须经审核销号（settings.yaml 中 review: required）：请先用 ledger request 申请销号，再用 ledger approve 审核通过",
    "who asks is required": "须写明申请人",
    "{id}: sign-off requested on {date} by {unit} ({by}); it awaits review":
        "{id}：{unit}（{by}）已于 {date} 申请销号，待审核",
    "who reviews is required": "须写明审核人",
    "--unit: name the reviewing unit (settings.yaml names no reviewer)": "--unit：请写明审核单位（settings.yaml 未指定审核单位）",
    "approved {id} on {date} by {unit} ({by}): closed": "{unit}（{by}）已于 {date} 审核通过 {id}：已销号",
    "returned {id} on {date} by {unit} ({by}): back in progress": "{unit}（{by}）已于 {date} 退回 {id}：回到整改中",
    "Request {n}": "第 {n} 次申请销号",
    "Approved": "审核通过",
    "Returned": "退回",
    "The item to ask sign-off for, such as 2-8.": "要申请销号的事项，如 2-8。",
    "The person acting for the unit.": "代表该单位办理的人。",
    "The unit asking: the item's lead (default) or one of its responsible units.":
        "申请单位：事项的牵头单位（默认）或其责任单位之一。",
    ("Ask for an item's sign-off (申请销号), with evidence: it awaits review (待审核).\n"
     "\n"
     "Example: ledger request 2-8 --evidence 拨付凭证.pdf --by 张三 --unit 区财政局"):
        ("为事项申请销号，附佐证材料：事项转为待审核。\n"
         "\n"
         "示例：ledger request 2-8 --evidence 拨付凭证.pdf --by 张三 --unit 区财政局"),
    "The item whose request is approved, such as 2-8.": "审核通过其销号申请的事项，如 2-8。",
    "The reviewing unit (default: reviewer in settings.yaml).": "审核单位（默认：settings.yaml 中的 reviewer）。",
    "A remark on the approval.": "审核意见。",
    ("Approve a request for sign-off (审核通过): the item is closed on the approval date.\n"
     "\n"
     "The close-out keeps the request (who asked, when, on what evidence) and the reviewer.\n"
     "\n"
     "Example: ledger approve 2-8 --by 王五 --unit 区营商办"):
        ("审核通过销号申请：事项在审核通过之日销号。\n"
         "\n"
         "销号记录保留申请（谁、何时、凭什么佐证材料）和审核单位。\n"
         "\n"
         "示例：ledger approve 2-8 --by 王五 --unit 区营商办"),
    "The item whose request is sent back, such as 2-8.": "退回其销号申请的事项，如 2-8。",
    "Why it is sent back.": "退回理由。",
    ("Send a request for sign-off back (退回), with a reason: the item is in progress again.\n"
     "\n"
     "The request and the return stay in the item's history; a later request starts a new round.\n"
     "\n"
     "Example: ledger return 2-8 --reason \"佐证材料不全\" --by 王五 --unit 区营商办"):
        ("退回销号申请并说明理由：事项回到整改中。\n"
         "\n"
         "申请和退回都留在事项的历史中；再次申请即开始新的一轮。\n"
         "\n"
         "示例：ledger return 2-8 --reason \"佐证材料不全\" --by 王五 --unit 区营商办"),
}

# The web view (ledger serve, src/ledger/web): its pages, forms and refusals.
ZH.update({
    "Grouped by": "统计口径",
    "name a folder: reminders are one file per unit, not one output": "请给出文件夹：提醒是每个单位一个文件，不是单一输出",
    "Item list": "问题清单",
    "The unit reviews requests for sign-off (ledger approve / return): roles: [reviewer].":
        "该单位负责审核销号申请（ledger approve / return）：roles: [reviewer]。",
    "district": "区级部门",
    "city": "市级单位",
    "enterprise": "企业",
    "group": "单位集合",
    "reviewer": "审核单位",
    ", reviews requests for sign-off": "，负责审核销号申请",
    "--period {period} has not begun yet (today is {today})": "--period {period} 尚未开始（今天是 {today}）",
    "-o {path}: a name ending in {suffix} says no format this command writes (use {names}, or give --format)":
        "-o {path}：扩展名 {suffix} 不对应本命令可写的任何格式（请用 {names}，或给出 --format）",
    "{what} {unit} asked for this sign-off: another unit reviews it": "{what} {unit} 是本次销号的申请单位：须由其他单位审核",
    "{what} {unit} leads item {id}: the lead unit does not review its own item (lead_may_review in settings.yaml)":
        "{what} {unit} 是事项 {id} 的牵头单位：牵头单位不审核本单位牵头的事项（见 settings.yaml 的 lead_may_review）",
    "1 later record is not shown": "之后另有 1 条记录未显示",
    "{n} later records are not shown": "之后另有 {n} 条记录未显示",
    "--host {host} opens the ledger to the network: give --users FILE too (who may log in)":
        "--host {host} 会把台账开放到网络上：请同时给出 --users FILE（可登录的用户）",
    "Add the note": "添加进展", "All its items": "全部事项", "Approval date": "批准日期",
    "Approve (审核通过)": "审核通过", "As of": "截至", "Back to the dashboard": "返回总览", "Bulletin": "通报",
    "By": "经办人", "City overview": "全市总览", "Clear": "清除", "Close out": "销号", "Close out (销号)": "销号",
    "Close-out by unit": "各单位销号情况", "Dashboard": "仪表板", "Due within (days)": "临期（天内）",
    "Due within 30 days": "30 天内到期", "Evidence (text)": "佐证材料（文字）", "Evidence file": "佐证材料文件",
    "Extend": "延期", "Extend the deadline": "延长整改时限", "File": "文件", "Filter": "筛选", "Leads": "牵头事项",
    "Ledger": "台账", "Lights": "亮灯", "Log in": "登录", "Log out": "退出", "Name": "姓名",
    "New deadline": "新的整改时限", "No history yet.": "尚无记录。",
    "No red, yellow or blue items.": "没有红灯、黄牌或蓝标事项。",
    "Nothing due within 30 days.": "30 天内没有到期事项。", "Password": "密码", "Progress note": "整改进展",
    "Record a change": "登记变更", "Rectification ledger": "整改销号台账", "Refused": "已拒绝", "Remark": "备注",
    "Report": "报表", "Request sign-off": "申请销号", "Request sign-off (申请销号)": "申请销号",
    "Responsible for": "负责事项", "Responsible leader": "责任领导", "Return (退回)": "退回",
    "Reviewing unit": "审核单位", "Search": "搜索", "Show": "显示", "Slowest units": "进度最慢的单位",
    "The whole report": "完整报表", "and others": "等", "approved by {unit}": "{unit} 审核通过",
    "by: use lead, responsible, question or deadline": "by：请用 lead、responsible、question 或 deadline",
    "cannot listen on {host}:{port}: {reason}": "无法在 {host}:{port} 上监听：{reason}", "corrected": "更正",
    "entered the ledger": "列入台账",
    "evidence file {file} has changed since it was recorded (sha256 {actual}, recorded {recorded}); it is not sent":
        "佐证材料文件 {file} 在登记后已被改动（sha256 {actual}，登记为 {recorded}），不予下载",
    "expected a list under users:, each with name, password and units":
        "users: 下应为列表，每项有 name、password 和 units",
    "extended to {to} (was {previous})": "延期至 {to}（原为 {previous}）",
    "item {id} records no evidence file {name!r}": "事项 {id} 没有登记佐证材料文件 {name!r}",
    "log in first": "请先登录", "log in first; nothing was changed": "请先登录；未作任何修改",
    "name the reviewing unit (settings.yaml names no reviewer)": "请指定审核单位（settings.yaml 未设置 reviewer）",
    "next": "下一页", "no bulletin for {period}: use a month as YYYY-MM": "没有 {period} 的通报：月份请写作 YYYY-MM",
    "ongoing and dated exclude each other": "ongoing 与 dated 不能同时使用", "originally {date}": "原定 {date}",
    "page {page} of {pages}": "第 {page} 页，共 {pages} 页",
    "page {page} of {pages}: there is no such page": "第 {page} 页（共 {pages} 页）：没有这一页",
    "previous": "上一页", "read-only": "只读", "reopened (look-back)": "回头看：重新打开",
    "returned by {unit}": "{unit} 退回", "saved: {action}": "已保存：{action}",
    "serving {names} at http://{host}:{port}/ (Ctrl-C to stop)": "正在提供 {names}：http://{host}:{port}/（按 Ctrl-C 停止）",
    "sign-off requested by {unit}": "{unit} 申请销号",
    "something went wrong on the server; it is in the server's log": "服务器出错，详情见服务器日志",
    "the evidence file is over the limit of {mb} MB (LEDGER_EVIDENCE_MAX_MB); nothing was changed":
        "佐证材料文件超过 {mb} MB 的上限（LEDGER_EVIDENCE_MAX_MB）；未作任何修改",
    "the form has expired or did not come from this site (CSRF token missing or wrong): open the page again and "
    "resend it; nothing was changed":
        "表单已过期或并非来自本站（CSRF 令牌缺失或错误）：请重新打开页面后再提交；未作任何修改",
    "the password must not be empty": "密码不能为空", "this server has no users: nobody logs in": "本服务器未设用户，无需登录",
    "two ledgers cannot both be called {name!r}: name them in a workspace file":
        "两个台账不能都叫 {name!r}：请在工作区文件中为它们命名",
    "user {name} is listed twice": "用户 {name} 重复列出",
    "user {name}: a bcrypt hash needs the bcrypt package (pip install bcrypt), or use an argon2 hash "
    "(ledger serve --hash-password)":
        "用户 {name}：bcrypt 哈希需要安装 bcrypt 包（pip install bcrypt），或改用 argon2 哈希（ledger serve --hash-password）",
    "user {name}: password must be an argon2 or bcrypt hash (ledger serve --hash-password)":
        "用户 {name}：password 必须是 argon2 或 bcrypt 哈希（ledger serve --hash-password）",
    "user {name}: units must be a list of unit names": "用户 {name}：units 必须是单位名称列表",
    "user {n}: a name is required": "第 {n} 个用户：需要 name", "users file {path}: {reason}": "用户文件 {path}：{reason}",
    "workspace {path}: expected a list under ledgers:, each with data: FOLDER":
        "工作区文件 {path}：ledgers: 下应为列表，每项有 data: 文件夹",
    "workspace {path}: {reason}": "工作区文件 {path}：{reason}", "wrong name or password": "姓名或密码错误",
    "too many failed logins: try again in {minutes} min": "登录失败次数过多：请 {minutes} 分钟后再试",
    "{name}: expected a whole number of at least {low}": "{name}：应为不小于 {low} 的整数",
    "{name}: use true or false": "{name}：请用 true 或 false",
    "{user} may not review for {unit}; nothing was changed": "{user} 无权代表 {unit} 审核；未作任何修改",
    "{user} may not write for {units}; nothing was changed": "{user} 无权为 {units} 登记；未作任何修改",
    "A data folder to serve; repeatable (each district's ledger under its name, and a city page).":
        "要提供的数据文件夹；可重复（各区台账各用其名称，另有全市总览页）。",
    "A YAML file listing the ledgers (ledgers: [{name, data}]).": "列出各台账的 YAML 文件（ledgers: [{name, data}]）。",
    "Address to listen on; anything but loopback needs --users.": "监听地址；非本机回环地址须同时给出 --users。",
    "Port to listen on.": "监听端口。",
    "Pages and the API only: no forms, every write method refused.": "只提供页面和 API：没有表单，拒绝一切写入请求。",
    "Users who may log in (YAML: name, argon2/bcrypt password hash, units). Without it: one local user, on loopback only.":
        "可登录的用户（YAML：name、argon2/bcrypt 密码哈希、units）。不给出时：仅本机的单一用户。",
    "Ask for a password and print its argon2 hash for the users file, then exit.":
        "输入密码，打印其 argon2 哈希（供用户文件使用）后退出。",
    ("The web view: dashboard, items, units, the report, the bulletin, forms and a JSON API.\n"
     "\n"
     "Serves the ledger (--data, or several: --data A/data --data B/data, --ledger, --workspace)\n"
     "at http://127.0.0.1:8000/ until Ctrl-C. Writes go through the same checks, lock and commit\n"
     "as the commands.\n"
     "\n"
     "Examples:\n"
     "\n"
     "  ledger serve\n"
     "\n"
     "  ledger serve --host 0.0.0.0 --users users.yaml"):
        ("网页视图：总览、事项、单位、报表、通报、表单和 JSON API。\n"
         "\n"
         "在 http://127.0.0.1:8000/ 提供台账（--data；多个台账：--data A/data --data B/data、--ledger、\n"
         "--workspace），直到按 Ctrl-C。写入与命令经过同样的校验、锁和提交。\n"
         "\n"
         "示例：\n"
         "\n"
         "  ledger serve\n"
         "\n"
         "  ledger serve --host 0.0.0.0 --users users.yaml"),
})
