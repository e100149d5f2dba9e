import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhones } from '../../src/privacy/mask-phone.js';

describe('masking a customer phone number', () => {
  it('keeps the country code and the last three digits of an E.164 number', () => {
    expect(maskPhone('+573001234412')).toBe('+57 *** *** *412');
    expect(maskPhone('+36201234567')).toBe('+36 ** *** *567');
    expect(maskPhone('+14155552671')).toBe('+1 *** *** *671');
  });

  it('keeps the way a number was written, masking its digits in place', () => {
    expect(maskPhone('+57 300 123 4412')).toBe('+57 *** *** *412');
    expect(maskPhone('(601) 555-0412')).toBe('(***) ***-*412');
    expect(maskPhone('+1 (415) 555-2671')).toBe('+1 (***) ***-*671');
  });

  it('masks a local number without a country code', () => {
    expect(maskPhone('3001234412')).toBe('*** *** *412');
  });

  it('masks a very short value entirely', () => {
    expect(maskPhone('123')).toBe('***');
  });
});

describe('masking phone numbers inside free text', () => {
  it('masks a number a customer typed in a message', () => {
    expect(maskPhones('Llámame al +57 300 123 4412 después de las 5')).toBe('Llámame al +57 *** *** *412 después de las 5');
    expect(maskPhones('mi cel es 300-123-4412.')).toBe('mi cel es ***-***-*412.');
    expect(maskPhones('WhatsApp 573001234412')).toBe('WhatsApp ** *** *** *412');
  });

  it('masks a customer name that is their number', () => {
    expect(maskPhones('+573001234412')).toBe('+57 *** *** *412');
  });

  it('leaves dates, times, IP addresses, short figures and long ids alone', () => {
    for (const text of [
      '2023-01-20 11:50:43',
      '20/01/2023 10:00',
      'from 192.168.10.100',
      'order 12345',
      'conn 202301201050431234',
      'ref abc3001234412',
      'at 14:02',
    ]) {
      expect(maskPhones(text)).toBe(text);
    }
  });

  it('hides a number typed next to other figures rather than let it through', () => {
    expect(maskPhones('300 123 4412 7 8 9 10 11')).not.toMatch(/300|123|4412/);
  });

  it('handles a 100,000-character text quickly enough for a message', () => {
    const text = '1 '.repeat(50_000);
    expect(maskPhones(text).length).toBe(text.length);
  });
});
