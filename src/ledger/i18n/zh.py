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
    # ---- the spreadsheet import
    "no header row with 问题编号 in the first {n} rows": "前 {n} 行中没有含“问题编号”的表头行",
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
    "--period: {value!r} is not a month (use YYYY-MM, such as 2024-08)":
        "--period：{value!r} 不是月份（请用 YYYY-MM，如 2024-08）",
    "wrote {path}": "已写入 {path}",
    "would add {id}": "将新增 {id}",
    "would update {id}": "将更新 {id}",
    "updated {id}": "已更新 {id}",
    "{rows} rows: {new} new, {changed} changed, {same} unchanged":
        "共 {rows} 行：新增 {new} 项，更新 {changed} 项，未变 {same} 项",
    "(dry run: nothing written)": "（试运行：未写入）",
    "{n} rows of {path} have problems; nothing was written": "{path} 中有 {n} 行存在问题；未写入任何内容",
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
}
