import { providerNameOf } from './auth';

describe('the name of a district’s provider', () => {
  it.each([
    ['https://accounts.google.com', 'Google'],
    ['https://login.microsoftonline.com/2f1e0c7a-0000-4000-8000-000000000000/v2.0', 'Microsoft'],
    ['https://clever.com', 'Clever'],
    ['https://sso.lakeview.k12.us/realms/staff', 'sso.lakeview.k12.us'],
    ['http://127.0.0.1:4000', '127.0.0.1'],
  ])('%s is %s', (issuer, name) => {
    expect(providerNameOf(issuer)).toBe(name);
  });

  it('never takes a look-alike host for a known provider', () => {
    expect(providerNameOf('https://google.com.evil.example')).toBe('google.com.evil.example');
    expect(providerNameOf('https://notgoogle.com')).toBe('notgoogle.com');
  });
});
