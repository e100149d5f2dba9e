// The Teams personal tab: inside Teams, TeamsJS (served by the bot) gives the user's SSO token,
// the bot answers a wallboard link for it, and the tab opens that link. Outside Teams it says
// how to get a link instead.
(() => {
  const say = (text) => {
    document.getElementById('connection').textContent = text;
  };
  const teamsJs = document.currentScript?.dataset.teamsJs;
  if (!teamsJs || window.parent === window) {
    say('This page is the wallboard’s Teams tab. Elsewhere, ask the bot: /wallboard');
    return;
  }
  const script = document.createElement('script');
  script.src = teamsJs;
  script.addEventListener('load', async () => {
    const teams = window.microsoftTeams;
    try {
      await teams.app.initialize();
      const token = await teams.authentication.getAuthToken();
      const res = await fetch('/wallboard/teams/link', { method: 'POST', headers: { authorization: `Bearer ${token}` }, credentials: 'omit' });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error);
      teams.app.notifySuccess();
      window.location.replace(body.url);
    } catch (error) {
      teams.app.notifyFailure?.({ reason: 'AuthFailed', message: String(error?.message ?? error) });
      say(`The wallboard could not open: ${error?.message ?? error}. Ask the bot “wallboard” in a chat instead.`);
    }
  });
  document.head.appendChild(script);
})();
