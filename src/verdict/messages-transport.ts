/**
 * Why a case could not be judged (INCONCLUSIVE, issue 20 item 3): the reader, the link to the card, the
 * terminal's driver and the lab's set-up (src/transport, src/terminal, src/run/tearing.ts). The text an
 * operating system or a program gave is a parameter, as it came. en and zh-CN, as messages.ts.
 */
export const TRANSPORT_MESSAGES = {
  // What was being done when the reader failed (pcscError's `what`).
  'io.pcsc': { en: 'PC/SC call', zh: 'PC/SC 调用' },
  'io.transmitOn': { en: 'transmit on "{reader}"', zh: '在 "{reader}" 上传输' },
  'io.resetIn': { en: 'reset of the card in "{reader}"', zh: '对 "{reader}" 中的卡复位' },
  'io.coldResetIn': { en: 'cold reset of the card in "{reader}"', zh: '对 "{reader}" 中的卡冷复位' },
  'io.connectTo': { en: 'connect to "{reader}"', zh: '连接 "{reader}"' },
  'io.waitingIn': { en: 'waiting for a card in "{reader}"', zh: '等待 "{reader}" 中插入卡' },
  // The reader and the card.
  'io.removed': { en: '{what}: the card was removed ({text})', zh: '{what}: 卡已被取出 ({text})' },
  'io.serviceDown': {
    en: '{what}: the PC/SC service is not running. Start it with `pcscd -f &` (Debian: apt-get install {packages})',
    zh: '{what}: PC/SC 服务未运行。请用「pcscd -f &」启动 (「Debian」: 「apt-get install」 {packages})',
  },
  'io.readerBusy': {
    en: '{what}: the reader is in use by another program (PC/SC sharing violation); sscc never shares a reader with another run or program',
    zh: '{what}: 读卡器正被另一程序占用 (PC/SC 共享冲突); sscc 从不与其他运行或程序共用读卡器',
  },
  'io.noReaders': {
    en: '{what}: PC/SC sees no reader. Plug one in, or serve card-sim to the virtual reader: `sscc sim serve --image reference` (apt-get install {packages})',
    zh: '{what}: PC/SC 找不到读卡器。请接上读卡器, 或把模拟卡提供给虚拟读卡器: 「sscc sim serve --image reference」 (「apt-get install」 {packages})',
  },
  'io.other': { en: '{what}: {text}', zh: '{what}出错: {text}' },
  'io.noBinding': {
    en: 'the PC/SC binding (npm package "smartcard") is not available ({text}). Install the PC/SC stack and rebuild: apt-get install {packages} && npm ci',
    zh: 'PC/SC 绑定 (「npm」 包「smartcard」) 不可用 ({text})。请安装 PC/SC 软件并重新构建: 「apt-get install」 {packages} 「&& npm ci」',
  },
  'io.noReaderMatches': { en: 'no PC/SC reader matches "{reader}"; readers: {readers}', zh: '没有与 "{reader}" 相符的 PC/SC 读卡器; 现有读卡器: {readers}' },
  'io.firstReader': { en: '(first)', zh: '(第一个)' },
  'io.noResponse': { en: 'transmit on "{reader}": no response from the card (removed or mute)', zh: '在 "{reader}" 上传输: 卡无应答 (已取出或无响应)' },
  'io.noCardAbandoned': {
    en: 'no card in "{reader}" (the run stopped waiting for one earlier)',
    zh: '"{reader}" 中没有卡 (本次运行先前已停止等待)',
  },
  'io.noCardAfter': { en: 'no card in "{reader}" after {seconds} s', zh: '{seconds} 秒后 "{reader}" 中仍没有卡' },
  'io.powerCut': { en: 'the card answered nothing: its power was cut', zh: '卡无应答: 已被断电' },
  'io.stateFile': { en: 'target.state {file}: not a card state file ({text})', zh: 'target.state {file}: 不是卡状态文件 ({text})' },
  'io.noImage': { en: 'card-sim has no image "{name}"', zh: '模拟卡 (「card-sim」) 没有卡映像「{name}」' },
  'io.tearControl': { en: 'tear control {host}:{port}: {text}', zh: '掉电控制 {host}:{port} 出错: {text}' },
  'io.tearNotReply': { en: 'tear control: not a reply: {line}', zh: '掉电控制: 不是应答: {line}' },
  'io.tearError': { en: 'tear control: {text}', zh: '掉电控制出错: {text}' },
  'io.untornSilent': {
    en: '{name}: the card did not answer the untorn command ({text})',
    zh: '{name}: 卡未应答未掉电的命令 ({text})',
  },
  // The terminal's slots and driver (src/terminal).
  'term.needsKeys': {
    en: "a financial or integrated terminal needs keys.pboc (the CA public key and the simulated host's issuer master keys)",
    zh: '金融终端或一体化终端需要 keys.pboc (CA 公钥和模拟主机的发卡行主密钥)',
  },
  'term.socket': { en: 'card slot {path}: {text}', zh: '卡槽 {path} 出错: {text}' },
  'term.noSimToServe': { en: 'the {slot} slot holds no simulated card to serve', zh: '{slot} 卡槽中没有可提供的模拟卡' },
  'term.noTerminal': { en: 'the profile names no terminal (terminal: { type, driver })', zh: '配置文件未指明终端 (「terminal: { type, driver }」)' },
  'term.readersNeedCommand': {
    en: 'terminal.readers serves the cards to PC/SC readers for a terminal program: use driver kind command (or manual), not reference',
    zh: 'terminal.readers 是为终端程序把卡提供给 PC/SC 读卡器: 驱动类型 (「driver kind」) 应为「command」(或「manual」), 而不是「reference」',
  },
  'term.noTestCard': { en: 'card-sim has no test card "{image}"', zh: '模拟卡 (「card-sim」) 没有测试卡「{image}」' },
  'term.emptySlot': { en: 'no test card in the card slot: a Given step is missing', zh: '卡槽中没有测试卡: 缺少一个假设步骤' },
  'drv.outcomeSchema': {
    en: '{source} reported an outcome that does not match profiles/terminal-outcome.schema.json: {problems}',
    zh: '{source} 报告的结果与「profiles/terminal-outcome.schema.json」不符: {problems}',
  },
  'drv.noProgram': { en: 'the command driver needs a program to run', zh: '命令驱动 (「command」) 需要一个要运行的程序' },
  'drv.cannotStart': { en: 'cannot start terminal program "{program}"{tool}: {text}', zh: '无法启动终端程序 "{program}"{tool}: {text}' },
  'drv.timeout': {
    en: 'terminal program "{program}" gave no outcome for {operation} within {seconds} s (its process group was killed)',
    zh: '终端程序 "{program}" 在 {seconds} 秒内未给出 {operation} 的结果 (已终止其进程组)',
  },
  'drv.outputCap': {
    en: 'terminal program "{program}" printed more than {mib} MiB for {operation} (an outcome is one line of JSON); stopped, its process group killed',
    zh: '终端程序 "{program}" 为 {operation} 输出超过 {mib} 兆字节 (结果应为一行 JSON); 已停止并终止其进程组',
  },
  'drv.exited': {
    en: 'terminal program "{program}" exited with code {code} and printed no outcome{stderr}',
    zh: '终端程序 "{program}" 以代码 {code} 退出, 未输出结果{stderr}',
  },
  'drv.stderr': { en: ': {text}', zh: ': {text}' },
  'drv.notJson': {
    en: 'terminal program "{program}" printed something that is not JSON on its last line: {text}',
    zh: '终端程序 "{program}" 最后一行输出的不是 JSON: {text}',
  },
  'drv.noOperator': {
    en: 'the manual driver needs an operator at a terminal; this run has none (CI or no TTY)',
    zh: '手动驱动 (「manual」) 需要一位在终端前的操作员; 本次运行没有 (CI 或无 TTY)',
  },
  'drv.operatorTimeout': { en: 'no answer from the operator within {seconds} s for {operation}', zh: '操作员在 {seconds} 秒内未回答 {operation}' },
  'drv.inputEnded': { en: "the operator's input ended before an outcome was given", zh: '操作员的输入在给出结果之前已结束' },
} as const;
