/**
 * Very common passwords of 10 or more characters (shorter ones fail the length rule anyway), from
 * the top of public breach-frequency lists. Compared lower-cased. A small list on purpose: it stops
 * the guesses an attacker tries first, not every weak password.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '12345678910', '123456789a', '0123456789', '0987654321', '1234567891', '1111111111',
  '0000000000', '1234512345', '1122334455', '1234554321', '9876543210', '123123123123', '12341234',
  'qwertyuiop', 'qwertyuiop1', 'qwerty1234', 'qwerty12345', 'qwerty123456', '1qaz2wsx3edc', 'zaq12wsxcde3',
  'asdfghjkl1', 'asdfghjkl;', 'zxcvbnm123', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'qazwsxedc123',
  'password12', 'password123', 'password1234', 'password12345', 'password!!', 'password1!', 'passw0rd123',
  'p@ssw0rd123', 'p@ssword123', 'mypassword', 'mypassword1', 'newpassword', 'changeme123', 'letmein123',
  'welcome123', 'welcome1234', 'welcome2024', 'welcome2025', 'welcome2026', 'iloveyou123', 'iloveyou12',
  'sunshine123', 'football123', 'baseball123', 'princess123', 'dragon1234', 'monkey1234', 'superman123',
  'starwars123', 'trustno1234', 'administrator', 'admin12345', 'admin123456', 'adminadmin', 'rootroot12',
  'abcdefghij', 'abcdefg123', 'abc1234567', 'abcd123456', 'a123456789', 'aa12345678', 'aaaaaaaaaa',
  'computer123', 'internet123', 'football1234', 'liverpool123', 'chocolate1', 'basketball', 'basketball1',
  'whatever123', 'qwertyqwerty', 'passwordpassword', 'correcthorsebatterystaple', 'correct horse battery staple',
  'summer2024', 'summer2025', 'summer2026', 'winter2024', 'winter2025', 'spring2025', 'autumn2025',
  'emblem1234', 'emblem12345', 'emblempassword',
])
