/** The users the development server knows; all share the password `pulse`. */
export const DEV_USERS = ['alice', 'bob', 'carol', 'dave'] as const;
export const DEV_PASSWORD = 'pulse';
