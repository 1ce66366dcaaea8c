/** A person of Tangoe's directory, the fields of seed 000's `person`, `on_behalf_of` and `assigned_to` (apps/sandbox/README.md). */
export interface Person {
  id: number;
  name_first: string;
  name_last: string;
  email: string;
  employee_id: string | null;
  group_name: string;
  name_middle?: string | null;
  group_id?: number;
  login?: string | null;
  cost_center?: string;
  /** The company whose directory holds the person; none means every company's (the made-up demo people). */
  company?: string;
  created_at?: string;
  updated_at?: string;
}

const CREATED = '2014-09-15T20:51:35.404Z';

/** Made-up people (Tangoe's Sandbox environment has made-up data), found by `employee_id`. */
export function samplePeople(): Person[] {
  return [
    { id: 1831571, name_first: 'Pinkerton', name_last: 'Quackers', email: 'administrator@sandbox.com', employee_id: '10000', group_name: 'Demo Group A', group_id: 1605, cost_center: 'CEO-001' },
    { id: 1831572, name_first: 'Ann', name_last: 'Smith', email: 'ann.smith@sandbox.com', employee_id: '10001', group_name: 'Demo Group A', group_id: 1605, cost_center: 'OPS-104' },
    { id: 1831573, name_first: 'Bo', name_last: 'Chen', email: 'bo.chen@sandbox.com', employee_id: '10002', group_name: 'Demo Group B', group_id: 1606, cost_center: 'ENG-220' },
    { id: 1831574, name_first: 'Carla', name_last: 'Diaz', email: 'carla.diaz@sandbox.com', employee_id: '10003', group_name: 'Demo Group B', group_id: 1606, cost_center: 'FIN-310' },
  ];
}

/** The Account Specialist who works every request of the sandbox. */
export const ACCOUNT_SPECIALIST: Person = {
  id: 10833529,
  name_first: 'Sandy',
  name_last: 'Specialist',
  email: 'sandboxmobility@mobiwm.com',
  employee_id: null,
  group_name: 'Pi-oneers',
  group_id: 1955,
  login: null,
  cost_center: '',
};

/** Who writes through the API when no employee is named: the API user itself, as Tangoe records it. */
export function personOfApiUser(apiUser: string, company: string, id: number): Person {
  return { id, name_first: apiUser, name_last: '(API user)', email: `${apiUser}@api.sandbox.test`, employee_id: null, group_name: company, login: apiUser, company };
}

/** The seed's person shape; `group_name` appears on `on_behalf_of` and `assigned_to`, not on an interaction's person. */
export function presentPerson(person: Person, withGroupName: boolean): Record<string, unknown> {
  return {
    id: person.id,
    name_last: person.name_last,
    name_first: person.name_first,
    name_middle: person.name_middle ?? null,
    group_id: person.group_id ?? null,
    email: person.email,
    login: person.login === undefined ? person.email : person.login,
    employee_id: person.employee_id,
    created_at: person.created_at ?? CREATED,
    updated_at: person.updated_at ?? CREATED,
    cost_center: person.cost_center ?? '',
    active: true,
    customer_data: {},
    ...(withGroupName ? { group_name: person.group_name } : {}),
  };
}
