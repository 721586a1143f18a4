/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * i18n.c: the message catalog, one row per message with a column per
 * language in enum lang order (es, en, pt).
 */
#include "web/i18n.h"

#include "util/util.h"

static const char *const catalog[MSG__MAX][LANG__MAX] = {
	[MSG_SITE_TAGLINE] = { "Plataforma abierta para encuentros cívicos",
	    "An open platform for civic meetings",
	    "Plataforma aberta para encontros cívicos" },
	[MSG_EVENTS] = { "Encuentros", "Events", "Encontros" },
	[MSG_NO_EVENTS] = { "Todavía no hay encuentros.", "No events yet.",
	    "Ainda não há encontros." },
	[MSG_THEMES] = { "Ejes temáticos", "Themes", "Eixos temáticos" },
	[MSG_THEME] = { "Eje temático", "Theme", "Eixo temático" },
	[MSG_FORMATS] = { "Formatos de sesión", "Session formats",
	    "Formatos de sessão" },
	[MSG_FORMAT] = { "Formato", "Format", "Formato" },
	[MSG_ROOMS] = { "Salas", "Rooms", "Salas" },
	[MSG_ROOM] = { "Sala", "Room", "Sala" },
	[MSG_TIME_GRID] = { "Grilla horaria", "Time grid", "Grade horária" },
	[MSG_DURATION] = { "Duración", "Duration", "Duração" },
	[MSG_SPEAKERS] = { "Oradores", "Speakers", "Palestrantes" },
	[MSG_CAPACITY] = { "Capacidad", "Capacity", "Capacidade" },
	[MSG_INTERPRETATION_BOOTH] = { "Cabina de interpretación",
	    "Interpretation booth", "Cabine de interpretação" },
	[MSG_STEP_FREE] = { "Acceso sin escalones", "Step-free access",
	    "Acesso sem degraus" },
	[MSG_YES] = { "Sí", "Yes", "Sim" },
	[MSG_NO] = { "No", "No", "Não" },
	[MSG_PROPOSALS] = { "Propuestas", "Proposals", "Propostas" },
	[MSG_SPEAKER_COUNT] = { "Oradores", "Speakers", "Palestrantes" },
	[MSG_COUNTRIES] = { "Países", "Countries", "Países" },
	[MSG_PARTICIPANTS] = { "Participantes", "Participants",
	    "Participantes" },
	[MSG_SYNTHETIC_BANNER] = { "Demostración: las propuestas, las "
				   "personas y los participantes de este "
				   "encuentro son datos sintéticos.",
	    "Demonstration: the proposals, people and participants of this "
	    "event are synthetic data.",
	    "Demonstração: as propostas, as pessoas e os participantes deste "
	    "encontro são dados sintéticos." },
	[MSG_SUBTOPICS] = { "Subtemas", "Sub-topics", "Subtemas" },
	[MSG_BACK_TO_EVENT] = { "Volver al encuentro", "Back to the event",
	    "Voltar ao encontro" },
	[MSG_OTHER_THEMES] = { "Otros ejes", "Other themes", "Outros eixos" },
	[MSG_NOT_FOUND_TITLE] = { "Página no encontrada", "Page not found",
	    "Página não encontrada" },
	[MSG_NOT_FOUND_TEXT] = { "No hay nada en esta dirección.",
	    "There is nothing at this address.",
	    "Não há nada neste endereço." },
	[MSG_BAD_REQUEST_TITLE] = { "Solicitud incorrecta", "Bad request",
	    "Requisição inválida" },
	[MSG_BAD_REQUEST_TEXT] = { "La dirección contiene caracteres que no "
				   "podemos leer.",
	    "The address holds characters we cannot read.",
	    "O endereço contém caracteres que não conseguimos ler." },
	[MSG_TOO_LARGE_TITLE] = { "Contenido demasiado grande",
	    "Content too large", "Conteúdo grande demais" },
	[MSG_TOO_LARGE_TEXT] = { "Lo enviado supera el tamaño permitido.",
	    "What was sent is larger than allowed.",
	    "O que foi enviado é maior que o permitido." },
	[MSG_METHOD_TITLE] = { "Método no permitido", "Method not allowed",
	    "Método não permitido" },
	[MSG_METHOD_TEXT] = { "Esta dirección no acepta ese tipo de "
			      "solicitud.",
	    "This address does not accept that kind of request.",
	    "Este endereço não aceita esse tipo de requisição." },
	[MSG_SERVER_ERROR_TITLE] = { "Error del servidor", "Server error",
	    "Erro do servidor" },
	[MSG_SERVER_ERROR_TEXT] = { "Algo falló de nuestro lado. Probá de "
				    "nuevo en un momento.",
	    "Something failed on our side. Please try again in a moment.",
	    "Algo falhou do nosso lado. Tente de novo em instantes." },
	[MSG_LANGUAGE] = { "Idioma", "Language", "Idioma" },
	[MSG_SKIP] = { "Ir al contenido", "Skip to content",
	    "Ir para o conteúdo" },
	[MSG_VENUE] = { "Sede", "Venue", "Local" },
	[MSG_DATES] = { "Fechas", "Dates", "Datas" },
	[MSG_TIMEZONE] = { "Zona horaria", "Time zone", "Fuso horário" },
	[MSG_HOME] = { "Inicio", "Home", "Início" },
	[MSG_SLOT_SESSION] = { "Sesiones paralelas", "Parallel sessions",
	    "Sessões paralelas" },
	[MSG_SLOT_PLENARY] = { "Plenaria", "Plenary", "Plenária" },
	[MSG_SLOT_BREAK] = { "Pausa", "Break", "Intervalo" },
	[MSG_TIME] = { "Horario", "Time", "Horário" },
	[MSG_ACTIVITY] = { "Actividad", "Activity", "Atividade" },
	[MSG_FOOTER_SOFTWARE] = { "cabildo es software libre (AGPL-3.0).",
	    "cabildo is free software (AGPL-3.0).",
	    "cabildo é software livre (AGPL-3.0)." },
	[MSG_FOOTER_DATA] = { "Datos abiertos bajo la licencia",
	    "Open data under the licence", "Dados abertos sob a licença" },
	[MSG_PROPOSALS_IN_THEME] = { "propuestas recibidas en este eje",
	    "proposals received under this theme",
	    "propostas recebidas neste eixo" },
	[MSG_AT_A_GLANCE] = { "En cifras", "At a glance", "Em números" },
	[MSG_MINUTES] = { "min", "min", "min" },
	[MSG_SHARES_SLOT] = { "comparten sala y horario",
	    "share a room and slot", "compartilham sala e horário" },
	[MSG_SEE_THEME] = { "Ver el eje", "See the theme", "Ver o eixo" },
};

const char *
i18n(enum lang lang, enum msg msg)
{
	const char *s;

	if ((unsigned)msg >= MSG__MAX)
		return "";
	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	s = catalog[msg][lang];
	return s != NULL ? s
			 : (catalog[msg][LANG_EN] ? catalog[msg][LANG_EN] : "");
}

static const char *const months[LANG__MAX][12] = {
	{ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	    "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
	{ "January", "February", "March", "April", "May", "June", "July",
	    "August", "September", "October", "November", "December" },
	{ "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
	    "agosto", "setembro", "outubro", "novembro", "dezembro" },
};

static const char *const weekdays[LANG__MAX][7] = {
	{ "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
	    "domingo" },
	{ "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	    "Sunday" },
	{ "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
	    "sexta-feira", "sábado", "domingo" },
};

static void
ymd(int64_t day, int *y, int *m, int *d)
{
	char s[11];
	int64_t v;

	format_date(day, s);
	s[4] = s[7] = '\0';
	*y = parse_i64(s, 0, 9999, &v) ? (int)v : 0;
	*m = parse_i64(s[5] == '0' ? s + 6 : s + 5, 1, 12, &v) ? (int)v : 1;
	*d = parse_i64(s[8] == '0' ? s + 9 : s + 8, 1, 31, &v) ? (int)v : 1;
}

void
i18n_date_range(struct buf *b, enum lang lang, int64_t first, int64_t last)
{
	int y1, m1, d1, y2, m2, d2;
	const char *of = lang == LANG_EN ? " " : " de ";

	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	ymd(first, &y1, &m1, &d1);
	ymd(last, &y2, &m2, &d2);
	if (first == last)
		buf_addf(b, "%d%s%s%s%d", d1, of, months[lang][m1 - 1], of, y1);
	else if (y1 == y2 && m1 == m2)
		buf_addf(b, "%d–%d%s%s%s%d", d1, d2, of, months[lang][m1 - 1],
		    of, y1);
	else if (y1 == y2)
		buf_addf(b, "%d%s%s – %d%s%s%s%d", d1, of, months[lang][m1 - 1],
		    d2, of, months[lang][m2 - 1], of, y2);
	else
		buf_addf(b, "%d%s%s%s%d – %d%s%s%s%d", d1, of,
		    months[lang][m1 - 1], of, y1, d2, of, months[lang][m2 - 1],
		    of, y2);
}

void
i18n_day_heading(struct buf *b, enum lang lang, int64_t day)
{
	int y, m, d;

	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_EN;
	ymd(day, &y, &m, &d);
	if (lang == LANG_EN)
		buf_addf(b, "%s %d %s", weekdays[lang][weekday(day)], d,
		    months[lang][m - 1]);
	else if (lang == LANG_PT)
		buf_addf(b, "%s, %d de %s", weekdays[lang][weekday(day)], d,
		    months[lang][m - 1]);
	else
		buf_addf(b, "%s %d de %s", weekdays[lang][weekday(day)], d,
		    months[lang][m - 1]);
}

void
i18n_time(struct buf *b, int minutes)
{
	buf_addf(b, "%02d:%02d", minutes / 60 % 100, minutes % 60);
}
