import { Alert, Button, Center, Code, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signIn, type SignInResult } from '../../platform/hostAuth';

/**
 * The headless host asks for its token before anything else: the URL `npm run serve` prints
 * carries it, and a page opened without it (or kept open across a restart) lands here.
 */
export function SignInScreen() {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SignInResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(await signIn(token));
    setBusy(false);
  };

  return (
    <Center mih="100vh" p="md" data-testid="sign-in">
      <Paper component="main" withBorder p="xl" maw={480} w="100%">
        <form onSubmit={(e) => void submit(e)}>
          <Stack gap="md">
            <Title order={1} size="h3">
              {t('app.signIn.title')}
            </Title>
            <Text size="sm">{t('app.signIn.explain')}</Text>
            <Code block>npm run serve</Code>
            <PasswordInput
              label={t('app.signIn.token')}
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              autoComplete="current-password"
              data-autofocus
              required
              data-testid="sign-in-token"
            />
            {result && result !== 'ok' && (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {t(`app.signIn.${result}`)}
              </Alert>
            )}
            <Button type="submit" loading={busy} disabled={!token.trim()} data-testid="sign-in-submit">
              {t('app.signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
