import { describe, expect, it } from 'vitest';
import { monthRange } from '../../../../electron/shared/text/dates';

describe('monthRange', () => {
  it('covers whole months, leap days and year ends included', () => {
    expect(monthRange('2024-02')).toEqual({ dateFrom: '2024-02-01', dateTo: '2024-02-29' });
    expect(monthRange('2023-02')).toEqual({ dateFrom: '2023-02-01', dateTo: '2023-02-28' });
    expect(monthRange('2019-11', '2019-12')).toEqual({ dateFrom: '2019-11-01', dateTo: '2019-12-31' });
  });
});
