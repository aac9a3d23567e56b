import { describe, expect, it } from 'vitest';
import { reviewSections } from './apply';

const ui = {
  type: 'VerticalLayout',
  elements: [
    {
      type: 'Group',
      label: 'Thông tin người yêu cầu',
      elements: [
        { type: 'Control', scope: '#/properties/applicantName' },
        { type: 'Control', scope: '#/properties/applicantPhone' },
      ],
    },
    {
      type: 'Group',
      label: 'Thông tin người được khai sinh',
      elements: [
        { type: 'HorizontalLayout', elements: [{ type: 'Control', scope: '#/properties/child/properties/name' }] },
        { type: 'Control', scope: '#/properties/childGender' },
      ],
    },
    { type: 'Group', label: 'Trống', elements: [{ type: 'Control', scope: '#/properties/unanswered' }] },
  ],
};

describe('review page sections', () => {
  it('groups the answers by section in the form order, whatever order they came in; unknown answers last', () => {
    const rows: [string, string][] = [
      ['childGender', 'nam'],
      ['extra', 'x'],
      ['applicantPhone', '0987654321'],
      ['child.name', 'Khang'],
      ['applicantName', 'An'],
    ];
    expect(reviewSections(ui, rows)).toEqual([
      {
        label: 'Thông tin người yêu cầu',
        rows: [
          ['applicantName', 'An'],
          ['applicantPhone', '0987654321'],
        ],
      },
      {
        label: 'Thông tin người được khai sinh',
        rows: [
          ['child.name', 'Khang'],
          ['childGender', 'nam'],
        ],
      },
      { label: null, rows: [['extra', 'x']] },
    ]);
  });
  it('without a uiSchema, one section with everything', () => {
    expect(reviewSections(undefined, [['a', '1']])).toEqual([{ label: null, rows: [['a', '1']] }]);
    expect(reviewSections(ui, [])).toEqual([]);
  });
});
