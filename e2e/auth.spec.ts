import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, signInByApi, test, type Credentials } from './fixtures';

async function fillSignUp(page: Page, { name, email, password }: Credentials): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function fillSignIn(
  page: Page,
  { email, password }: Pick<Credentials, 'email' | 'password'>,
): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Next's route announcer is also role=alert; the form's own sits inside <main>.
function formAlert(page: Page) {
  return page.getByRole('main').getByRole('alert');
}

async function expectSignedIn(page: Page, name: string): Promise<void> {
  await expect(page).toHaveURL('/chat');
  await expect(page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test('a new user signs up, signs out, and signs back in', async ({ page, credentials }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL('/sign-up');

  await fillSignUp(page, credentials);
  await expectSignedIn(page, credentials.name);

  await signOut(page);
  // The session is gone, not just hidden: the protected page sends us back.
  await page.goto('/chat');
  await expect(page).toHaveURL('/sign-in');

  await fillSignIn(page, credentials);
  await expectSignedIn(page, credentials.name);
  // A reload keeps the session: it lives in a cookie, not in page state.
  await page.reload();
  await expectSignedIn(page, credentials.name);

  await signOut(page);
});

test('sign-up explains an invalid email and a short password next to the field', async ({
  page,
  credentials,
}) => {
  await page.goto('/sign-up');

  await fillSignUp(page, { ...credentials, email: 'not-an-email' });
  const email = page.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Enter a valid email address, like name@example.com.');
  await expect(page).toHaveURL('/sign-up');

  await fillSignUp(page, { ...credentials, password: 'short' });
  const password = page.getByLabel('Password');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/Use at least 8 characters for your password\./);
  // The earlier email error is cleared once the email is valid.
  await expect(email).not.toHaveAttribute('aria-invalid');
  await expect(page).toHaveURL('/sign-up');
});

test('sign-up refuses an email that already has an account', async ({ page, account }) => {
  await page.goto('/sign-up');
  await fillSignUp(page, account);
  await expect(formAlert(page)).toHaveText('An account with this email already exists. Sign in instead.');
  await expect(page).toHaveURL('/sign-up');
});

test('sign-in with a wrong password says so and stays signed out', async ({ page, account }) => {
  await page.goto('/sign-in');
  await fillSignIn(page, { email: account.email, password: `${account.password}!` });
  await expect(formAlert(page)).toHaveText('The email or password is incorrect.');
  await expect(page).toHaveURL('/sign-in');

  await page.goto('/chat');
  await expect(page).toHaveURL('/sign-in');
});

test('a signed-out visit to /chat lands on sign-in', async ({ page }) => {
  await page.goto('/chat');
  await expect(page).toHaveURL('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('key pages render in light and dark', async ({ page, account }) => {
  const pages = [
    { name: 'landing', url: '/', heading: 'Chat' },
    { name: 'sign-up', url: '/sign-up', heading: 'Create your account' },
    { name: 'sign-in', url: '/sign-in', heading: 'Sign in' },
  ];
  const shoot = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: path.join(screenshotDir, `${name}-${colorScheme}.png`), fullPage: true });
    }
  };

  for (const { name, url, heading } of pages) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await shoot(name);
  }

  await signInByApi(page, account);
  await page.goto('/chat');
  await expectSignedIn(page, account.name);
  await shoot('chat');
});

test('a dark color scheme preference turns the pages dark', async ({ page }) => {
  await page.goto('/sign-in');
  const body = page.locator('body');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(body).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(body).not.toHaveCSS('background-color', 'rgb(255, 255, 255)');
});
