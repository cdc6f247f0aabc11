import { describe, expect, it } from 'vitest';
import { scanSource } from './scan-source.js';

/** The names found, as `key=name@line:column` (a name built at run time as `key=?`). */
function names(text: string, file: string): string[] {
  return scanSource(text, file).map((ref) => `${ref.key}=${ref.name ?? '?'}@${ref.line}:${ref.column}`);
}

describe('scanSource', () => {
  it('reads JSON request bodies, with the place of each name', () => {
    const body = '{\n  "waitVoice": "wait.wav",\n  "playInfoList": [{ "notifyVoice": "n1.wav" }, {"notifyVoice":"n2.wav"}],\n  "playPreVoice": "true"\n}';
    expect(names(body, 'req.json')).toEqual(['waitVoice=wait.wav@2:16', 'notifyVoice=n1.wav@3:37', 'notifyVoice=n2.wav@3:64']);
  });

  it('reads JavaScript and TypeScript object literals, assignments and index writes', () => {
    const code = [
      "const body = { waitVoice: 'wait.wav', preVoice: \"pre.wav\", lastMinVoice: `last.wav` };",
      "body.recordHintTone = 'hint.wav';",
      "body['preTone'] = 'code-pre.wav';",
      'const other = { description: "wait.wav", waitVoiceNote: "x.wav" };',
    ].join('\n');
    expect(names(code, 'client.ts')).toEqual([
      'waitVoice=wait.wav@1:27',
      'preVoice=pre.wav@1:49',
      'lastMinVoice=last.wav@1:74',
      'recordHintTone=hint.wav@2:23',
      'preTone=code-pre.wav@3:19',
    ]);
  });

  it('never reads comments, prose in strings, types or a key passed on as a name', () => {
    const code = [
      "// waitVoice: 'old.wav' was the first prompt",
      "/* preVoice: 'gone.wav' */",
      "const help = 'set waitVoice: \"x.wav\" in the body';",
      'interface Body { waitVoice?: string; preVoice: string }',
      'function make(waitVoice: string) { return { waitVoice, preVoice: waitVoice === "a" ? 1 : 2 }; }',
      'class A { setWaitVoice(name: string) { this.waitVoice = name; } }',
      "const re = /waitVoice: 'r.wav'/;",
      "const done = { waitVoice: null, posTone: undefined };",
      'if (key === "waitVoice") { return 1; }',
    ].join('\n');
    const found = scanSource(code, 'a.ts');
    expect(found.filter((ref) => ref.name !== null)).toEqual([]);
  });

  it('says where a name is built at run time, never guessing it', () => {
    const code = [
      'const a = { waitVoice: `${lang}/wait.wav` };',
      "const b = { preVoice: 'pre_' + lang + '.wav' };",
      'const c = { lastMinVoice: pickPrompt(lang) };',
      'const d = { notifyVoice: PROMPTS.notify };',
    ].join('\n');
    expect(scanSource(code, 'x.js').map((ref) => [ref.key, ref.name, ref.line, ref.expression])).toEqual([
      ['waitVoice', null, 1, '`${lang}/wait.wav`'],
      ['preVoice', null, 2, "'pre_' + lang + '.wav'"],
      ['lastMinVoice', null, 3, 'pickPrompt(lang)'],
      ['notifyVoice', null, 4, 'PROMPTS.notify'],
    ]);
  });

  it('reads Java setters, Map puts and builders, not declarations', () => {
    const code = [
      'public class Calls {',
      '  private String waitVoice;',
      '  public void setWaitVoice(String waitVoice) { this.waitVoice = waitVoice; }',
      '  void call() {',
      '    req.setWaitVoice("wait.wav"); // setWaitVoice("old.wav")',
      '    Map<String, Object> info = new HashMap<>();',
      '    info.put("notifyVoice", "notify.wav");',
      '    info.put("description", "x.wav");',
      '    Body.builder().preTone("pre.wav").posTone(name).build();',
      '    String s = """',
      '      waitVoice: "block.wav"',
      '      """;',
      '  }',
      '}',
    ].join('\n');
    expect(names(code, 'Calls.java')).toEqual(['waitVoice=wait.wav@5:22', 'notifyVoice=notify.wav@7:29', 'preTone=pre.wav@9:28', 'posTone=?@9:47']);
  });

  it('reads Python dicts, keyword arguments and assignments, not docstrings or comments', () => {
    const code = [
      'def notify(wait_voice="default.wav"):',
      '    """Sends waitVoice: "doc.wav" to the platform."""',
      '    body = {"waitVoice": "wait.wav", "preVoice": f"{lang}.wav"}  # "lastMinVoice": "c.wav"',
      '    last_min_voice = "last.wav"',
      "    call(record_hint_tone='hint.wav', pre_tone=r'pre.wav', posTone=f'pos.wav')",
      '    wait_voice: str = "typed.wav"',
      '    if key == "waitVoice":',
      '        return key',
    ].join('\n');
    expect(names(code, 'send.py')).toEqual([
      'waitVoice=default.wav@1:23',
      'waitVoice=wait.wav@3:26',
      'preVoice=?@3:50',
      'lastMinVoice=last.wav@4:22',
      'recordHintTone=hint.wav@5:27',
      'preTone=pre.wav@5:48',
      'posTone=pos.wav@5:68',
      'waitVoice=typed.wav@6:23',
    ]);
    expect(scanSource(code, 'send.py').filter((ref) => ref.name === null).map((ref) => ref.line)).toEqual([3]);
  });

  it('reads Go, C# and PHP', () => {
    const go = ['type Body struct {', '  WaitVoice string `json:"waitVoice"`', '}', 'b := Body{WaitVoice: "wait.wav", PreVoice: `pre.wav`}'].join('\n');
    expect(names(go, 'call.go')).toEqual(['waitVoice=wait.wav@4:22', 'preVoice=pre.wav@4:44']);
    const cs = ['var b = new Body { WaitVoice = "wait.wav", PreVoice = $"{lang}.wav" };', 'var d = new Dictionary<string, string> { { "notifyVoice", @"n.wav" } };'].join('\n');
    expect(names(cs, 'Call.cs')).toEqual(['waitVoice=wait.wav@1:32', 'preVoice=?@1:55', 'notifyVoice=n.wav@2:59']);
    const php = ["<?php", "# 'waitVoice' => 'old.wav'", "$body = ['waitVoice' => 'wait.wav', 'preVoice' => \"pre_$lang.wav\"];", "$body['posTone'] = 'pos.wav';"].join('\n');
    expect(names(php, 'call.php')).toEqual(['waitVoice=wait.wav@3:25', 'preVoice=?@3:51', 'posTone=pos.wav@4:20']);
  });

  it('reads YAML block and flow mappings, and says where a template builds a name', () => {
    const yaml = [
      'call:',
      '  waitVoice: wait.wav   # the tone',
      '  playInfoList:',
      '    - notifyVoice: "n1.wav"',
      "    - {notifyVoice: 'n2.wav', other: x}",
      '  # preVoice: old.wav',
      '  preTone: "{{ .Values.tone }}"',
      '  description: pre.wav',
    ].join('\n');
    expect(names(yaml, 'calls.yaml')).toEqual(['waitVoice=wait.wav@2:14', 'notifyVoice=n1.wav@4:20', 'notifyVoice=n2.wav@5:21', 'preTone=?@7:12']);
  });

  it('reads the escapes of a string, so that a name is judged as the platform receives it', () => {
    const found = scanSource('{"waitVoice": "a\\u0020b.wav", "preVoice": "c\\\\d.wav", "posTone": "\\x41\\n.wav"}', 'a.json');
    expect(found.map((ref) => ref.name)).toEqual(['a b.wav', 'c\\d.wav', 'A\n.wav']);
  });

  it('reads no file of another language, and none that names no key', () => {
    expect(scanSource('waitVoice: "wait.wav"', 'notes.md')).toEqual([]);
    expect(scanSource('const a = "wait.wav";', 'a.ts')).toEqual([]);
  });
});
