import { pdfCells, pdfHeaders, peopleFieldsOf, stageTableNames, withoutPeopleFields } from './stage-tables';

describe('the fields that name people, which a share link leaves out', () => {
  it('are the owners and contacts of the tables, and no other field', () => {
    const named = Object.fromEntries(stageTableNames.map((name) => [name, peopleFieldsOf(name)]));
    expect(named).toEqual({
      priorities: [],
      stakeholders: [],
      fundingSources: [],
      dataSystems: ['owner'],
      expertise: ['contact'],
      collaborationAreas: [],
      measures: ['owner', 'ownerUserId'],
      decisions: [],
      partners: ['contact'],
    });
  });

  it('are blanked as if never filled in, a chosen person as nobody, and the rest of the row kept', () => {
    const measure = { name: 'Retention', owner: 'Ms. Jane Carter', ownerUserId: 'a-user-id', unit: '%' };
    expect(withoutPeopleFields('measures', measure)).toEqual({
      name: 'Retention',
      owner: '',
      ownerUserId: null,
      unit: '%',
    });
  });

  it('have no column on a share link’s paper, while the planner’s own PDF keeps it', () => {
    const partner = { name: 'Leading Educators', kind: 'external_organization', role: 'Training', contact: 'a@b.org' };
    expect(pdfHeaders('partners')).toEqual(['Partner', 'Internal or external', 'What they do', 'Contact']);
    expect(pdfHeaders('partners', true)).toEqual(['Partner', 'Internal or external', 'What they do']);
    expect(pdfCells('partners', partner, new Map(), true)).toEqual([
      'Leading Educators',
      'External organization',
      'Training',
    ]);
  });
});
