import type { desktopEn } from './en';

export const desktopZhCN: typeof desktopEn = {
  start: {
    noElectron:
      '尚未安装 Electron {{version}} 的可执行文件：请在能访问互联网时运行一次 `npx install-electron`（需要 Node.js 22.12 或更新版本），或将 ELECTRON_OVERRIDE_DIST_PATH 指向解压好的 Electron {{version}}；在此之前可用 `npm run serve` 在浏览器中运行同一个应用。',
    overrideEmpty:
      'ELECTRON_OVERRIDE_DIST_PATH 指向 {{dir}}，但其中没有 Electron 可执行文件（缺少 {{file}}）：请将它指向解压好的 Electron {{version}}，或用 `npm run serve` 在浏览器中运行同一个应用。',
    noHeaders:
      '无法从 {{url}} 下载 Electron {{version}} 的头文件；桌面应用打开数据库之前，需要联网一次，用这些头文件编译 better-sqlite3。在此之前可用 `npm run serve` 在浏览器中运行同一个应用。',
    building: '正在为 Electron {{version}} 编译 better-sqlite3（只需一次）…',
    nativeBuildFailed: '无法为 Electron {{version}} 编译 better-sqlite3（见上方的编译输出）；在此之前可用 `npm run serve` 在浏览器中运行同一个应用。',
    wrongAbi:
      '刚编译的 better-sqlite3 对应 Node ABI {{found}}，而不是 Electron {{version}}（ABI {{expected}}），因此未被使用；请删除 node_modules/.cache/caliper-electron 后重新运行 `npm start`。',
    buildFailed: '构建失败，请查看上方的错误信息。',
  },
  dist: {
    nodeTooOld: '构建安装包需要 Node.js 22.12 或更新版本（Electron {{version}} 的工具链要求），当前为 Node.js {{node}}；较旧的版本可用 `npm run test:package` 检查包的结构。',
    signedMac: 'macOS：使用 CSC_LINK 中的 Developer ID 证书签名。',
    unsignedMac: 'macOS：没有签名证书（未设置 CSC_LINK），应用仅做临时（ad hoc）签名：可以运行，但 Gatekeeper 会向用户发出警告。',
    notarized: 'macOS：使用环境变量中的 Apple 凭据进行公证。',
    notNotarized: 'macOS：未公证（未设置 APPLE_ID / APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID 或 APPLE_API_KEY）。',
    signedWindows: 'Windows：使用 WIN_CSC_LINK 中的证书签名。',
    unsignedWindows: 'Windows：没有签名证书（未设置 WIN_CSC_LINK），安装程序未签名，SmartScreen 会向用户发出警告。',
    restored: '已恢复测试所用的 Node.js 版 better-sqlite3（安装包中使用的是 Electron 版）。',
  },
  startupError: {
    title: 'Caliper 无法启动',
    engineTitle: 'Caliper 的模型引擎无法启动',
    sqlite: 'Caliper 的数据库模块（better-sqlite3）无法加载：它是为其他版本的 Electron 或其他系统编译的。',
    engine: '模型引擎（通过 node-llama-cpp 调用的 llama.cpp）无法加载，因此无法加载、运行或量化模型。Caliper 的其他功能仍可正常使用。',
    ffi: '量化器的原生桥接模块（koffi）无法加载，因此无法量化模型。',
    databaseTooNew: '此数据目录由更新版本的 Caliper 写入（数据库结构版本 {{version}}）。',
    other: 'Caliper 启动时出现了问题。',
    whatToDo: '解决办法',
    reinstall: '使用适合你系统的安装包重新安装 Caliper（macOS arm64 或 x64、Windows x64、Linux x64）；中断的更新可能留下不匹配的文件。',
    builtYourself: '如果 Caliper 是你自己构建的，请用 `npm run dist` 打包，或用 `npm start` 启动：两者都会为 Electron 编译原生模块。',
    vcredist: '在 Windows 上，请安装最新的 Microsoft Visual C++ 可再发行组件包（x64），然后重新启动 Caliper。',
    newerCaliper: '请重新安装更新版本的 Caliper，或让当前版本使用另一个数据目录（CALIPER_DATA_DIR）。',
    dataSafe: '你的数据是安全的：{{dir}} 中的内容没有任何改动。',
    report: '如果问题反复出现，请附上下方的技术细节报告给我们。',
    details: '技术细节',
    close: '关闭此窗口即可退出 Caliper。',
    closeEngine: '关闭此窗口后可以继续使用不含引擎功能的 Caliper。',
  },
  folders: {
    title: '其他应用中的模型',
    body: 'Caliper 在这台电脑上找到了其他应用的模型目录。添加后即可直接使用其中的模型，不会复制或移动任何文件。',
    apps: {
      lmstudio: 'LM Studio',
      ollama: 'Ollama',
      jan: 'Jan',
    },
    add: '添加',
    addLabel: '添加 {{app}} 的目录 {{path}}',
    dismiss: '暂不添加',
    dismissLabel: '不再提示 {{app}} 的目录 {{path}}',
  },
  openFile: {
    outside: '{{file}} 不在你的模型目录中。要添加它所在的目录，并在检查器中打开它吗？',
    addFolder: '添加 {{folder}}',
    cancel: '取消',
  },
  updates: {
    title: '更新',
    description: 'Caliper 的新版本以 GitHub Releases 的形式发布。',
    label: '自动检查并下载更新',
    hint: 'Caliper 每天会向 GitHub 查询几次是否有新版本，并在后台下载。更新会在你退出 Caliper 时安装，绝不会打断正在生成的回答或正在进行的下载。',
    headless: '此设置仅对桌面应用有效；浏览器版本的更新取决于 `npm run serve` 的安装方式。',
  },
};
