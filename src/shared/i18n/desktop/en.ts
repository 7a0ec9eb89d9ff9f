/** The desktop app's own strings: `npm start`, packaging, the startup error page, first run, updates. */
export const desktopEn = {
  start: {
    noElectron:
      "Electron {{version}}'s binary is not installed: run `npx install-electron` once with internet access (it needs Node.js 22.12 or newer), or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron {{version}}; meanwhile `npm run serve` runs the same app in a browser.",
    overrideEmpty:
      'ELECTRON_OVERRIDE_DIST_PATH points at {{dir}}, which holds no Electron binary ({{file}} is missing): point it at an unpacked Electron {{version}}, or use `npm run serve` for the same app in a browser.',
    noHeaders:
      "Electron {{version}}'s headers could not be downloaded from {{url}}, and better-sqlite3 must be built against them once (with internet access) before the desktop app can open its database; meanwhile `npm run serve` runs the same app in a browser.",
    building: 'Building better-sqlite3 for Electron {{version}} (once)…',
    nativeBuildFailed:
      'better-sqlite3 could not be built for Electron {{version}} (see the compiler output above); meanwhile `npm run serve` runs the same app in a browser.',
    wrongAbi:
      'The better-sqlite3 just built is for Node ABI {{found}}, not Electron {{version}} (ABI {{expected}}), so it was not used; delete node_modules/.cache/caliper-electron and run `npm start` again.',
    buildFailed: 'The build failed; see the errors above.',
  },
  dist: {
    nodeTooOld:
      'Building installers needs Node.js 22.12 or newer (Electron {{version}}’s tooling), and this is Node.js {{node}}; `npm run test:package` checks the package layout on older versions.',
    signedMac: 'macOS: signing with the Developer ID certificate from CSC_LINK.',
    unsignedMac: 'macOS: no signing certificate (CSC_LINK is not set), so the app is signed ad hoc: it runs, but Gatekeeper warns users.',
    notarized: 'macOS: notarizing with the Apple credentials from the environment.',
    notNotarized: 'macOS: not notarized (APPLE_ID / APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID or APPLE_API_KEY are not set).',
    signedWindows: 'Windows: signing with the certificate from WIN_CSC_LINK.',
    unsignedWindows: 'Windows: no signing certificate (WIN_CSC_LINK is not set), so the installer is unsigned and SmartScreen warns users.',
    restored: 'Restored the Node.js build of better-sqlite3 that tests use (the installers got the Electron build).',
  },
  startupError: {
    title: 'Caliper could not start',
    engineTitle: "Caliper's model engine could not start",
    sqlite: "Caliper's database module (better-sqlite3) could not be loaded: it was built for another version of Electron or another system.",
    engine:
      'The model engine (llama.cpp, through node-llama-cpp) could not be loaded, so models cannot be loaded, run or quantized. Everything else in Caliper still works.',
    ffi: 'The quantizer’s native bridge (koffi) could not be loaded, so models cannot be quantized.',
    databaseTooNew: 'This data folder was written by a newer Caliper (database schema {{version}}).',
    other: 'Something went wrong while Caliper was starting.',
    whatToDo: 'What to do',
    reinstall: 'Install Caliper again with the installer for your system (macOS arm64 or x64, Windows x64, Linux x64); an interrupted update can leave mismatched files behind.',
    builtYourself: 'If you built Caliper yourself, package it with `npm run dist` or start it with `npm start`: both build the native modules for Electron.',
    vcredist: 'On Windows, install the latest Microsoft Visual C++ Redistributable (x64), then start Caliper again.',
    newerCaliper: 'Install the newer Caliper again, or start this one with another data folder (CALIPER_DATA_DIR).',
    dataSafe: 'Your data is safe: nothing in {{dir}} was changed.',
    report: 'If it keeps happening, report it with the technical details below.',
    details: 'Technical details',
    close: 'Close this window to quit Caliper.',
    closeEngine: 'Close this window to go on using Caliper without the engine.',
  },
  folders: {
    title: 'Models from other apps',
    body: 'Caliper found the model folders of apps on this computer. Add one to use its models in place: nothing is copied or moved.',
    apps: {
      lmstudio: 'LM Studio',
      ollama: 'Ollama',
      jan: 'Jan',
    },
    add: 'Add',
    addLabel: 'Add the {{app}} folder {{path}}',
    dismiss: 'Not now',
    dismissLabel: 'Do not offer the {{app}} folder {{path}} again',
  },
  openFile: {
    outside: '{{file}} is not in your model folders. Add its folder to open it in the inspector?',
    addFolder: 'Add {{folder}}',
    cancel: 'Cancel',
  },
  updates: {
    title: 'Updates',
    description: 'New versions of Caliper are published as GitHub releases.',
    label: 'Check for updates and download them automatically',
    hint: 'Caliper asks GitHub for a newer release a few times a day and downloads it in the background. It is installed when you quit Caliper, never during an answer or a download.',
    headless: 'This applies to the desktop app; the browser version follows however `npm run serve` was installed.',
  },
};
