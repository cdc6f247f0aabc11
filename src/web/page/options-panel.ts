// Not from core.ts: importing the engine's entry would put the engine in the page's bundle (it runs in the workers).
import { DEFAULT_PROFILE } from '../../profile/profile.js';
import { PROFILES, TARGETS } from '../../profile/profiles.js';
/** The default rate of a Dialogic .vox file, as convert's --vox-rate has it (src/formats/vox/vox-reader.ts). */
const DEFAULT_VOX_RATE = 8000;
import type { PageOptions } from '../prepared-file.js';
import { element } from './dom.js';
import type { Strings } from './strings.js';

type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/** An on/off option (the CLI's flags). */
interface CheckboxField {
  kind: 'checkbox';
  key: KeysOf<PageOptions, boolean>;
  /** Options that cannot be on with this one (both set the gain): ticking this one unticks them. */
  excludes?: ReadonlyArray<KeysOf<PageOptions, boolean>>;
}

/** A number option, shown in its unit: the value is `shown * scale` (MB to bytes). */
interface NumberField {
  kind: 'number';
  key: KeysOf<PageOptions, number>;
  scale: number;
  min: number;
  max?: number;
  step: number;
}

type OptionField = CheckboxField | NumberField;

/**
 * The options shown, in order. A new option (speech level, silence trim) is a field in PageOptions, its default
 * here, an entry in OPTION_FIELDS and its words in strings.ts (the compiler asks for both languages).
 */
export const DEFAULT_OPTIONS: PageOptions = {
  target: DEFAULT_PROFILE.id,
  maxBytes: DEFAULT_PROFILE.maxBytes,
  trim: false,
  normalize: false,
  level: false,
  trimSilence: false,
  even: false,
  highpass: false,
  padStartMs: 0,
  padEndMs: 0,
  voxRate: DEFAULT_VOX_RATE,
};

const OPTION_FIELDS: readonly OptionField[] = [
  { kind: 'number', key: 'maxBytes', scale: 1024 * 1024, min: 0.01, step: 0.01 },
  { kind: 'checkbox', key: 'trim' },
  { kind: 'checkbox', key: 'level', excludes: ['normalize'] },
  { kind: 'checkbox', key: 'trimSilence' },
  { kind: 'checkbox', key: 'even' },
  { kind: 'checkbox', key: 'highpass' },
  { kind: 'number', key: 'padStartMs', scale: 1000, min: 0, max: 30, step: 0.05 },
  { kind: 'number', key: 'padEndMs', scale: 1000, min: 0, max: 30, step: 0.05 },
  { kind: 'checkbox', key: 'normalize', excludes: ['level'] },
  { kind: 'number', key: 'voxRate', scale: 1, min: 1000, max: 768000, step: 1 },
];

const TARGET_KEY = 'voiceprep.target';

function rememberedTarget(): string | null {
  try {
    return localStorage.getItem(TARGET_KEY);
  } catch {
    return null;
  }
}

/** The options form: tells `changed` of every valid change; a number that is not one is marked and not taken. */
export class OptionsPanel {
  private values: PageOptions = { ...DEFAULT_OPTIONS };
  private readonly texts: Array<(strings: Strings) => void> = [];
  private readonly boxes = new Map<keyof PageOptions, HTMLInputElement>();

  constructor(container: HTMLElement, changed: (options: PageOptions) => void) {
    container.append(this.buildTarget(() => changed(this.options)));
    for (const field of OPTION_FIELDS) {
      container.append(this.build(field, () => changed(this.options)));
    }
  }

  /**
   * The platform the files are for, remembered in this browser: it decides the encoding, the rate, the names and the
   * size limit, which follows it (a platform with no documented limit has the most a WAV file holds: RIFF_MAX_BYTES).
   */
  private buildTarget(changed: () => void): HTMLElement {
    const id = 'option-target';
    const label = element('label', { for: id });
    const hint = element('p', { class: 'hint', id: `${id}-hint` });
    this.texts.push((strings) => {
      label.textContent = strings.options.target.label;
      hint.textContent = strings.options.target.hint;
    });
    const select = element('select', { id, 'aria-describedby': hint.id });
    for (const target of TARGETS) select.append(element('option', { value: target.id }, target.platform));
    const remembered = rememberedTarget();
    if (remembered) this.chooseTarget(remembered);
    select.value = this.values.target;
    select.addEventListener('change', () => {
      this.chooseTarget(select.value);
      try {
        localStorage.setItem(TARGET_KEY, select.value);
      } catch {
        // storage refused (a private window, file:// in some browsers): the choice lasts until the page closes
      }
      changed();
    });
    return element('div', { class: 'option select' }, label, select, hint);
  }

  private chooseTarget(id: string): void {
    const target = PROFILES.get(id);
    if (!target) return;
    this.values.target = id;
    this.values.maxBytes = target.maxBytes;
    const size = this.boxes.get('maxBytes');
    if (size) size.value = String(this.values.maxBytes / (1024 * 1024));
  }

  get options(): PageOptions {
    return { ...this.values };
  }

  /** Words the labels and hints in the language now chosen. */
  showTexts(strings: Strings): void {
    for (const show of this.texts) show(strings);
  }

  private build(field: OptionField, changed: () => void): HTMLElement {
    const id = `option-${field.key}`;
    const label = element('label', { for: id });
    const hint = element('p', { class: 'hint', id: `${id}-hint` });
    this.texts.push((strings) => {
      label.textContent = strings.options[field.key].label;
      hint.textContent = strings.options[field.key].hint;
    });
    if (field.kind === 'checkbox') {
      const box = element('input', { type: 'checkbox', id, 'aria-describedby': hint.id, checked: this.values[field.key] });
      this.boxes.set(field.key, box);
      box.addEventListener('change', () => {
        this.values[field.key] = box.checked;
        if (box.checked) {
          for (const other of field.excludes ?? []) {
            this.values[other] = false;
            const otherBox = this.boxes.get(other);
            if (otherBox) otherBox.checked = false;
          }
        }
        changed();
      });
      return element('div', { class: 'option checkbox' }, box, label, hint);
    }
    // A second label: the unit shows after the field, and screen readers read it as part of the field's name.
    const unit = element('label', { class: 'unit', for: id });
    this.texts.push((strings) => (unit.textContent = strings.options[field.key].unit ?? ''));
    const input = element('input', {
      type: 'number',
      id,
      'aria-describedby': hint.id,
      min: String(field.min),
      ...(field.max === undefined ? {} : { max: String(field.max) }),
      step: String(field.step),
      inputmode: 'decimal',
      value: String(this.values[field.key] / field.scale),
    });
    this.boxes.set(field.key, input);
    input.addEventListener('change', () => {
      const value = Math.floor(input.valueAsNumber * field.scale);
      // a size or a rate is never 0; padding may be
      const valid = input.checkValidity() && Number.isSafeInteger(value) && (value > 0 || (field.min === 0 && value === 0));
      input.setAttribute('aria-invalid', String(!valid));
      if (!valid) return;
      this.values[field.key] = value;
      changed();
    });
    return element('div', { class: 'option number' }, label, element('span', { class: 'field' }, input, unit), hint);
  }
}
